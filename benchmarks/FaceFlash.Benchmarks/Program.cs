using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/FaceFlash.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
