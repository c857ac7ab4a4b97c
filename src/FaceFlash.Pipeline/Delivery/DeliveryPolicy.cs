namespace FaceFlash.Pipeline.Delivery;

/// <summary>
/// How frames enter the pipeline, as in \psi: batch work takes every message (the reader waits for the pipeline);
/// live work keeps the latest ones (the oldest waiting frame is dropped and counted) so the pipeline stays real-time.
/// Results of frames already processed are never dropped under either policy.
/// </summary>
public enum DeliveryPolicy { EveryMessage, LatestMessage }
