namespace FaceFlash.Pipeline.Stages;

/// <summary>
/// What a stage keeps per tracked face, created when the face first appears and released as soon as a frame no
/// longer has it (lost, merged into another track, gone), so that state does not grow with every face a long live
/// session has seen. Call <see cref="BeginFrame"/>, then <see cref="For"/> per face in the frame, then <see cref="EndFrame"/>.
/// </summary>
public sealed class PerFaceState<T>(Func<int, T> create, Action<int, T> release)
{
    private readonly Dictionary<int, T> _states = [];
    private readonly HashSet<int> _present = [];
    private readonly List<int> _ended = [];

    public int Count => _states.Count;
    public IEnumerable<T> Values => _states.Values;

    public void BeginFrame() => _present.Clear();

    public T For(int faceId)
    {
        _present.Add(faceId);
        if (!_states.TryGetValue(faceId, out var state)) _states[faceId] = state = create(faceId);
        return state;
    }

    public void EndFrame()
    {
        _ended.Clear();
        foreach (var id in _states.Keys)
            if (!_present.Contains(id)) _ended.Add(id);
        foreach (var id in _ended)
            if (_states.Remove(id, out var state)) release(id, state);
    }
}
