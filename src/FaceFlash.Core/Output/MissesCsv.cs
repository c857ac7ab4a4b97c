using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>misses.csv</c>, which <c>faceflash eval</c> writes beside <c>eval.json</c>: one row per expression of the ground
/// truth that was not found, with the reason of the candidate movement that overlapped it most
/// (<see cref="MissedExpressions"/>), and that candidate — reported (<c>candidate_outcome</c> "reported micro
/// happiness") or left out (its reason) — even when it overlapped too little to be the expression; empty candidate
/// fields: nothing overlapped it.
/// </summary>
public static class MissesCsv
{
    public const string FileName = "misses.csv";

    public const string Header = "clip,kind,onset_ms,offset_ms,emotion,aus,reason,overlap,candidate_onset_ms,candidate_offset_ms,candidate_outcome,candidate_aus";

    public static string Format(IEnumerable<MissedExpression> misses) => CsvText.Format(Header, misses, (row, m) =>
    {
        row.Text(m.Clip);
        row.Field(m.Truth.Kind);
        row.Field(m.Truth.OnsetMs, "0.#");
        row.Field(m.Truth.OffsetMs, "0.#");
        row.Field(m.Truth.Emotion);
        row.Field(string.Join('+', m.Truth.Aus));
        row.Field(m.Reason);
        row.Field(m.Overlap, "0.00");
        row.Field(m.Candidate?.OnsetMs ?? double.NaN, "0.#");
        row.Field(m.Candidate?.OffsetMs ?? double.NaN, "0.#");
        row.Field(m.CandidateOutcome);
        row.Field(m.CandidateAus);
    });
}
