#!/usr/bin/env python3
"""The micro-expression spotting literature's appearance baselines, measured on FaceFlash's sets beside the AU rises.

    tools/fd-baseline.py CLIPS_DIR RESULTS_DIR [CLIPS_DIR RESULTS_DIR ...]

CLIPS_DIR holds clips with injected expressions and their <stem>.truth.json (for example out/tune-clips/real-blobs,
which `tools/tune-sets.sh` makes); RESULTS_DIR holds FaceFlash's <stem>.frames.csv of them (the landmarks align the
face; `au_status` says where the AU reference was retaken). Offline study: nothing in FaceFlash uses it.

The baseline is the feature-difference method of Moilanen, Zhao and Pietikäinen (ICPR 2014) as Li et al. (IEEE TAC
2018) use it to spot micro-expressions in long videos: each frame's face, aligned by a similarity on the eye corners
and nose bridge (FaceMesh points) to 68 px between the outer eye corners in a 128 px square, is cut into 6 × 6
blocks, each described by its uniform LBP histogram (8 neighbours, radius 1); a block's difference at frame t is the
chi-squared distance between its histogram and the mean of those k frames before and after (k = 80 ms, half a typical
micro-expression); the frame's difference is the mean of its 12 largest blocks, and its contrast that difference less
the mean of the differences k frames either side, negatives set to 0.

The same scheme also reads the face's local phase, the signal Duque et al. (WACV 2018) spot micro-expressions with
(their temporal filter and masks are not reproduced): levels 1 and 2 (64 and 32 px) of each aligned face's Laplacian
pyramid with their Riesz pair (the 3-tap approximations of Wadhwa et al. 2014); a block's difference at frame t is the
amplitude-weighted mean of how far the phase turned from the frame k before and from the frame k after; pooled and
contrasted as the LBP differences are. Phase moves in proportion to a sub-pixel shift, where an LBP histogram barely
changes; so the face it reads is aligned by its anchors' mean over ±100 ms, not each frame's own.

Every score is read in units of its own noise around each frame (median and interquartile range / 1.349 over ±2.5 s),
as tools/au-ceiling.py reads the AUs, so one threshold means the same on every clip:
  AU rises            FaceFlash's AU columns but the blink's AU45 (20), each frame's largest rise over the AU's
                      median in the second before
  LBP contrast        the baseline as published
  LBP block contrast  each block's own contrast in its own noise units, the face's largest (per region, as the
                      segmenter reads each AU against its own noise)
  phase contrast, phase block contrast   the same two forms on the local phase
  AU rises and phase  the smaller of the largest AU rise and the phase block contrast: past a threshold only where
                      the AUs and the face's appearance both moved
Per threshold: in how many injected micro-expressions the score passed it on a measured frame between onset and
offset + 40 ms (frames in the first second after a reference (re)take left out, as there), and how often it rose past
it more than 200 ms from every injected expression, a minute. Needs numpy (Debian's python3-numpy, which comes with
python3-pandas) and ffmpeg, which decodes the clips.
"""
import bisect
import csv
import glob
import importlib.util
import json
import os
import statistics
import subprocess
import sys

try:
    import numpy as np
except ImportError:
    sys.exit(f"tools/fd-baseline.py needs numpy, which {sys.executable} lacks: install Debian's python3-numpy "
             "(the test command installs it with python3-pandas) and run it with /usr/bin/python3")

_spec = importlib.util.spec_from_file_location("au_ceiling", os.path.join(os.path.dirname(__file__), "au-ceiling.py"))
au_ceiling = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(au_ceiling)

ANCHORS = [33, 133, 362, 263, 168, 6, 197, 195]  # FaceMeshTopology.Anchors: outer and inner eye corners, nose bridge
CROP, EYE_DISTANCE, GRID, TOP_BLOCKS, K_MS = 128, 68, 6, 12, 80
AWAY_MS, NOISE_HALF_MS = 200, 2500
# The phase reads the face aligned by its anchors' mean over ±100 ms: each FaceMesh run's fresh landmarks move a
# frame-by-frame alignment by a fraction of a pixel, which the phase takes for movement (aligned so, it crossed its
# thresholds near every blink of the still portrait, where FaceMesh runs, and saw 14 of its 18 movements, not 18).
STEADY_MS = 100
THRESHOLDS = [3, 4, 5, 6, 8, 10, 12, 15]
NEIGHBOURS = [(-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1)]


def uniform_bins():
    """The 58 uniform 8-bit LBP codes get a bin each, every other code the 59th."""
    bins, next_bin = np.full(256, 58, np.int64), 0
    for code in range(256):
        bits = [(code >> i) & 1 for i in range(8)]
        if sum(bits[i] != bits[(i + 1) % 8] for i in range(8)) <= 2:
            bins[code], next_bin = next_bin, next_bin + 1
    return bins


UNIFORM_BIN = uniform_bins()
_inner = CROP - 2
_block_row = np.minimum(np.arange(_inner) // (_inner // GRID), GRID - 1)
BLOCK_OF_PIXEL = _block_row[:, None] * GRID + _block_row[None, :]


def block_histograms(grey):
    """Normalised uniform-LBP histogram of each of the GRID × GRID blocks (blocks × 59)."""
    centre = grey[1:-1, 1:-1].astype(np.int16)
    code = np.zeros(centre.shape, np.int64)
    for bit, (dy, dx) in enumerate(NEIGHBOURS):
        code |= (grey[1 + dy:CROP - 1 + dy, 1 + dx:CROP - 1 + dx].astype(np.int16) >= centre).astype(np.int64) << bit
    flat = (BLOCK_OF_PIXEL * 59 + UNIFORM_BIN[code]).ravel()
    counts = np.bincount(flat, minlength=GRID * GRID * 59).reshape(GRID * GRID, 59).astype(np.float64)
    return counts / counts.sum(axis=1, keepdims=True)


def similarity(source, target):
    """Least-squares similarity (rotation, scale, shift) taking source points to target points, as a 2 × 3 matrix."""
    source_mean, target_mean = source.mean(0), target.mean(0)
    s, t = source - source_mean, target - target_mean
    norm = (s ** 2).sum()
    cos = (s[:, 0] * t[:, 0] + s[:, 1] * t[:, 1]).sum() / norm
    sin = (s[:, 0] * t[:, 1] - s[:, 1] * t[:, 0]).sum() / norm
    matrix = np.array([[cos, -sin, 0.0], [sin, cos, 0.0]])
    matrix[:, 2] = target_mean - matrix[:, :2] @ source_mean
    return matrix


def upright(anchors):
    """Where the anchors go in the crop: eyes level, EYE_DISTANCE apart, centred, a third of the crop from the top."""
    right, left = anchors[0], anchors[3]
    angle = -np.arctan2(left[1] - right[1], left[0] - right[0])
    scale = EYE_DISTANCE / np.hypot(*(left - right))
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]]) * scale
    return (anchors - (right + left) / 2) @ rotation.T + np.array([CROP / 2, CROP / 2 - 0.32 * EYE_DISTANCE])


def grey_frames(video):
    """The video's frames in decoding order, as grey images (ffmpeg)."""
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                            "-of", "csv=p=0", video], capture_output=True, text=True, check=True)
    width, height = (int(v) for v in probe.stdout.strip().split(",")[:2])
    decoder = subprocess.Popen(["ffmpeg", "-v", "error", "-i", video, "-f", "rawvideo", "-pix_fmt", "gray", "-"],
                               stdout=subprocess.PIPE)
    size = width * height
    while len(frame := decoder.stdout.read(size)) == size:
        yield np.frombuffer(frame, np.uint8).reshape(height, width)
    decoder.stdout.close()
    decoder.wait()


def warp(grey, matrix):
    """The CROP × CROP square that the 2 × 3 similarity takes the image to (bilinear, the border's pixels repeated)."""
    inverse = np.linalg.inv(np.vstack([matrix, [0, 0, 1]]))[:2]
    v, u = np.mgrid[0:CROP, 0:CROP].astype(np.float64)
    x = np.clip(inverse[0, 0] * u + inverse[0, 1] * v + inverse[0, 2], 0, grey.shape[1] - 1)
    y = np.clip(inverse[1, 0] * u + inverse[1, 1] * v + inverse[1, 2], 0, grey.shape[0] - 1)
    x0, y0 = np.minimum(x.astype(int), grey.shape[1] - 2), np.minimum(y.astype(int), grey.shape[0] - 2)
    fx, fy = x - x0, y - y0
    g = grey.astype(np.float64)
    top = g[y0, x0] * (1 - fx) + g[y0, x0 + 1] * fx
    bottom = g[y0 + 1, x0] * (1 - fx) + g[y0 + 1, x0 + 1] * fx
    return np.rint(top * (1 - fy) + bottom * fy).astype(np.uint8)


def measured_runs(video, frames_csv):
    """Per run of face 0's measured frames between reference (re)takes: times, AU values, block histograms of the face
    aligned by each frame's anchors, and the face aligned by its anchors' mean over ±STEADY_MS (for the phase)."""
    rows, last_frame = {}, 0
    with open(frames_csv, newline="") as f:
        for row in csv.DictReader(f):
            last_frame = max(last_frame, int(row["frame"]))
            if row["face_id"] == "0":
                rows[int(row["frame"])] = row
    # The runs from the frames file alone, numbered from 1 as it numbers frames: the steady alignment needs each
    # frame's later anchors before its picture is warped.
    runs, run_of, run = [], {}, None
    for number in range(1, last_frame + 1):
        row = rows.get(number)
        if row is None or row["au_status"] != "measured":
            run = None
            continue
        if run is None:
            run = {"times": [], "anchors": [], "histograms": [], "faces": [],
                   "aus": {au: [] for au in au_ceiling.BILATERAL + au_ceiling.SIDED}}
            runs.append(run)
        run_of[number] = run
        run["times"].append(float(row["timestamp"]) * 1000)
        run["anchors"].append(np.array([[float(row[f"mp_x_{i}"]), float(row[f"mp_y_{i}"])] for i in ANCHORS]))
        for au, values in run["aus"].items():
            values.append(float(row[au + "_r"]))
    for run in runs:
        times, anchors = np.array(run["times"]), np.array(run["anchors"])
        run["target"] = upright(anchors[0])
        run["steady"] = [anchors[np.abs(times - t) <= STEADY_MS].mean(0) for t in times]
    number = 0
    for number, grey in enumerate(grey_frames(video), start=1):
        run = run_of.get(number)
        if run is None:
            continue
        i = len(run["histograms"])
        run["histograms"].append(block_histograms(warp(grey, similarity(run["anchors"][i], run["target"]))))
        run["faces"].append(warp(grey, similarity(run["steady"][i], run["target"])))
    if number != last_frame:
        # Frames are paired with the CSV's rows by their number: a count that differs would pair them wrongly.
        sys.exit(f"{video}: ffmpeg decoded {number} frames, but {frames_csv} numbers them up to {last_frame}")
    return runs


def in_noise_units(times, values):
    """Each frame's value over the median of ±2.5 s around it, in interquartile ranges / 1.349 (NaN where unknown)."""
    out = np.full(len(values), np.nan)
    for i, t in enumerate(times):
        lo, hi = bisect.bisect_left(times, t - NOISE_HALF_MS), bisect.bisect_right(times, t + NOISE_HALF_MS)
        window = values[lo:hi][np.isfinite(values[lo:hi])]
        if len(window) < 8 or not np.isfinite(values[i]):
            continue
        q1, median, q3 = np.percentile(window, [25, 50, 75])
        out[i] = (values[i] - median) / max((q3 - q1) / 1.349, 1e-9)
    return out


def frames_apart(fps):
    """k: the frames K_MS apart at this frame rate (at least one)."""
    return max(1, round(K_MS * fps / 1000))


def contrast(differences, k):
    """A difference less the mean of the differences k frames either side, negatives set to 0 (NaN at the ends)."""
    out = np.full(differences.shape, np.nan)
    out[k:-k] = np.maximum(0.0, differences[k:-k] - (differences[:-2 * k] + differences[2 * k:]) / 2)
    return out


def lbp_scores(times, histograms, fps):
    """The baseline's contrast and the per-block variant, both in noise units."""
    h = np.array(histograms)
    k = frames_apart(fps)
    blocks = np.full(h.shape[:2], np.nan)
    mean_around = (h[:-2 * k] + h[2 * k:]) / 2
    total = h[k:-k] + mean_around
    with np.errstate(divide="ignore", invalid="ignore"):
        blocks[k:-k] = np.where(total > 0, (h[k:-k] - mean_around) ** 2 / total, 0.0).sum(-1)
    return scores_of(times, blocks, k, "LBP")


def scores_of(times, blocks, k, name):
    """From each frame's block differences (frames × blocks): the contrast of the 12 largest blocks' mean (the
    published form) and the largest block's own contrast (the per-block form), both in noise units."""
    pooled = np.mean(-np.sort(-blocks, axis=1)[:, :TOP_BLOCKS], axis=1)
    block_contrast = contrast(blocks, k)
    per_block = np.column_stack([in_noise_units(times, block_contrast[:, b]) for b in range(blocks.shape[1])])
    largest_block = np.where(np.isfinite(per_block).any(1), np.nan_to_num(per_block, nan=-np.inf).max(1), np.nan)
    return {f"{name} contrast": in_noise_units(times, contrast(pooled, k)), f"{name} block contrast": largest_block}


BINOMIAL = np.array([1, 4, 6, 4, 1], np.float32) / 16
# The pyramid's levels read, 64 and 32 px squares: a 1–4 px movement of the 128 px face shifts them by less than half
# their wavelength, so the phase does not wrap.
PHASE_LEVELS = (1, 2)


def blur(images):
    """Each image (N × h × w) blurred by the 5-tap binomial filter, borders mirrored."""
    h, w = images.shape[1:]
    padded = np.pad(images, ((0, 0), (2, 2), (2, 2)), mode="reflect")
    rows = sum(weight * padded[:, i:i + h, :] for i, weight in enumerate(BINOMIAL))
    return sum(weight * rows[:, :, i:i + w] for i, weight in enumerate(BINOMIAL))


def riesz_levels(faces):
    """Per PHASE_LEVELS level, every face's band-pass image and its Riesz pair (the 3-tap approximations of Wadhwa,
    Rubinstein, Durand and Freeman 2014), each N × h × w."""
    image, levels = np.asarray(faces, np.float32), []
    for level in range(max(PHASE_LEVELS) + 1):
        low = blur(image)
        if level in PHASE_LEVELS:
            band = image - low
            horizontal, vertical = np.zeros_like(band), np.zeros_like(band)
            horizontal[:, :, 1:-1] = 0.5 * (band[:, :, :-2] - band[:, :, 2:])
            vertical[:, 1:-1, :] = 0.5 * (band[:, :-2, :] - band[:, 2:, :])
            levels.append((band, horizontal, vertical))
        image = low[:, ::2, ::2]
    return levels


def phase_change(later, earlier):
    """Per pixel, how far the local phase turned from one image to the other (radians, 0–π, whatever the direction of
    the structure) and the pair's amplitude, which says how much that phase is worth (a flat patch has none)."""
    (i1, x1, y1), (i0, x0, y0) = later, earlier
    real = i1 * i0 + x1 * x0 + y1 * y0
    turned = np.hypot(i0 * x1 - i1 * x0, i0 * y1 - i1 * y0)
    amplitude = np.sqrt(np.sqrt(i1 ** 2 + x1 ** 2 + y1 ** 2) * np.sqrt(i0 ** 2 + x0 ** 2 + y0 ** 2))
    return np.arctan2(turned, real), amplitude


def block_means(values, weights):
    """The weighted mean of each of the GRID × GRID blocks of every image (N × h × w → N × GRID²)."""
    size = values.shape[1]
    starts = np.arange(GRID) * (size // GRID)

    def block_sums(a):
        return np.add.reduceat(np.add.reduceat(a, starts, axis=1), starts, axis=2).reshape(len(a), -1)
    return block_sums(values * weights) / np.maximum(block_sums(weights), 1e-9)


def phase_scores(times, faces, fps):
    """Local phase read like the LBP histograms: each block's amplitude-weighted phase change from the frames k before
    and after (the mean of the two), over the levels; the 12 largest blocks' mean and its contrast, and the per-block
    form, in noise units."""
    k = frames_apart(fps)
    blocks = np.full((len(faces), GRID * GRID), np.nan)
    if len(faces) > 2 * k:
        blocks[k:-k] = 0.0
        for band in riesz_levels(faces):
            now = tuple(a[k:-k] for a in band)
            for other in (tuple(a[:-2 * k] for a in band), tuple(a[2 * k:] for a in band)):
                blocks[k:-k] += block_means(*phase_change(now, other)) / (2 * len(PHASE_LEVELS))
    return scores_of(times, blocks, k, "phase")


class Tally:
    def __init__(self):
        self.expressions, self.found = 0, np.zeros(len(THRESHOLDS))
        self.away_minutes, self.crossings = 0.0, np.zeros(len(THRESHOLDS))

    def add(self, times, score, near, known, micro):
        step = statistics.median(np.diff(times))
        away = known & ~near & np.isfinite(score)
        self.away_minutes += away.sum() * step / 60000
        score = np.nan_to_num(score, nan=-np.inf)
        for j, threshold in enumerate(THRESHOLDS):
            above = away & (score > threshold)
            self.crossings[j] += above[0] + np.sum(above[1:] & ~above[:-1])
        for e in micro:
            inside = known & (times >= e["onset_ms"]) & (times <= e["offset_ms"] + 40)
            if inside.any():
                self.expressions += 1
                self.found += score[inside].max() > np.array(THRESHOLDS)


def main(pairs):
    tallies = {name: Tally() for name in ("AU rises", "LBP contrast", "LBP block contrast", "phase contrast",
                                          "phase block contrast", "AU rises and phase")}
    for clips, results in pairs:
        truths = sorted(glob.glob(os.path.join(clips, "*.truth.json")))
        if not truths:
            sys.exit(f"{clips}: no <stem>.truth.json here (faceflash synth writes them beside its clips)")
        for truth_path in truths:
            stem = os.path.basename(truth_path)[: -len(".truth.json")]
            if not os.path.exists(os.path.join(results, stem + ".frames.csv")):
                sys.exit(f"{results}: no {stem}.frames.csv "
                         f"(run faceflash analyze on {clips} with --out {results} first)")
            with open(truth_path) as f:
                truth = json.load(f)
            video = os.path.join(clips, truth["video"])
            expressions = [e for e in truth["events"] if e["kind"] in ("micro", "macro")]
            micro = [e for e in expressions if e["kind"] == "micro"]
            for run in measured_runs(video, os.path.join(results, stem + ".frames.csv")):
                times = np.array(run["times"])
                if len(times) < 30:
                    continue
                near = np.array([any(e["onset_ms"] - AWAY_MS <= t <= e["offset_ms"] + AWAY_MS for e in expressions)
                                 for t in times])
                rises = {au: au_ceiling.rises(run["times"], values) for au, values in run["aus"].items()}
                known = np.array([r is not None for r in rises["AU01"]])
                largest_rise = np.array([max(rises[au][i][0] for au in rises) if known[i] else np.nan
                                         for i in range(len(times))])
                tallies["AU rises"].add(times, largest_rise, near, known, micro)
                scores = (lbp_scores(run["times"], run["histograms"], truth["fps"])
                          | phase_scores(run["times"], run["faces"], truth["fps"]))
                scores["AU rises and phase"] = np.minimum(largest_rise, scores["phase block contrast"])
                for name, score in scores.items():
                    tallies[name].add(times, score, near, known, micro)
    first = tallies["AU rises"]
    print(f"{first.expressions} injected micro-expressions with a second of measured face before them; "
          f"{first.away_minutes:.1f} min of measured face away from every injected expression\n")
    print("| score past (noise units) | " + " | ".join(f"{name}: found, crossings a minute" for name in tallies) + " |")
    print("|---" * (len(tallies) + 1) + "|")
    for j, threshold in enumerate(THRESHOLDS):
        cells = [f"{int(t.found[j])}, {t.crossings[j] / max(t.away_minutes, 1e-9):.0f}" for t in tallies.values()]
        print(f"| {threshold} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if not arguments or len(arguments) % 2:
        sys.exit("usage: tools/fd-baseline.py CLIPS_DIR RESULTS_DIR [CLIPS_DIR RESULTS_DIR ...]")
    main(list(zip(arguments[::2], arguments[1::2])))
