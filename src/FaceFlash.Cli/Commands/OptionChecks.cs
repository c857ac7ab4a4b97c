using System.CommandLine;

namespace FaceFlash.Cli.Commands;

/// <summary>Checks of option values, each refused before any work with one line naming the option.</summary>
public static class OptionChecks
{
    /// <summary>
    /// Refuses a value <paramref name="valid"/> does not accept with <paramref name="error"/>. A value that is not of the
    /// option's type at all (<c>--jobs abc</c>) is the parser's own one-line error: reading it here would throw, and did,
    /// as an unhandled exception that aborted the program.
    /// </summary>
    public static void Require<T>(Option<T> option, Func<T, bool> valid, string error) =>
        Check(option, value => valid(value) ? null : error);

    /// <summary>As <see cref="Require{T}"/>, with the error made from the value (null: the value is fine).</summary>
    public static void Check<T>(Option<T> option, Func<T, string?> problem) => option.Validators.Add(r =>
    {
        T value;
        try
        {
            value = r.GetValueOrDefault<T>()!;
        }
        catch (InvalidOperationException)
        {
            return;
        }
        if (problem(value) is { } error) r.AddError(error);
    });
}
