#!/usr/bin/env python3
"""Issue 12, item 2, measured offline: could the AU flow's one Lucas–Kanade call also carry the landmarks?

    tools/one-flow-carrying.py [--departure 0.015] VIDEO FRAMES_CSV [VIDEO FRAMES_CSV ...]

FRAMES_CSV is VIDEO's frames CSV from `faceflash analyze VIDEO --landmark-refresh-ms 0` (FaceMesh on every frame: the
landmarks to compare with, and the AU reference's restarts in `au_status`). For each clip the script replays two ways
of carrying the landmarks between FaceMesh runs and prints, for each, the share of frames FaceMesh must run on (its
cost is about 4 ms a face, the rest of a frame's analysis about 3) and how far the carried landmarks lie from
FaceMesh's on the carried frames (mean over the 468 points, in % of the eye-corner distance; mean, 95th percentile,
worst):

  keyframe   as FaceFlash does (LandmarkPropagator): the probes followed from the frame FaceMesh last ran on, on the
             grey patch of its face region (11 px window, 2 pyramid levels); FaceMesh runs when a probe is lost, when
             one departs from the anchors' similarity by more than --departure of the eye-corner distance (lids count
             double), and at least every 200 ms.
  reference  one flow for both: the probes followed, in the AU flow's call, from the AU reference (its detail patch,
             window an eighth of the eye distance, 3 levels, its stopping criteria, each starting where it was found
             in the previous frame); the departure measured between where that flow put the probes at the last FaceMesh
             run and where it puts them now, the same test and refresh. A probe the flow marks lost does not call
             FaceMesh here (the AU flow loses the nose bridge and cheeks on its detail patch several times a second and
             puts them back on their landmarks); counted, they made FaceMesh run on 94 % of cap12's frames and 84 % of bbaf2n's.

The keyframe replay gives FaceMesh's share as FaceFlash's own summaries count it (`landmark_runs`) to about a point.
Needs python3-opencv and python3-pandas (Debian packages).
"""
import argparse
import math

import cv2
import numpy as np
import pandas as pd

ANCHORS = [33, 133, 362, 263, 168, 6, 197, 195]  # FaceMeshTopology.Anchors
PROBES = ANCHORS + [55, 285, 105, 334, 46, 276, 159, 386, 145, 374, 50, 280, 98, 327, 61, 291, 0, 13, 14, 17, 152]  # LandmarkCarrier.Probes
LIDS = {159, 386, 145, 374}
WEIGHTS = np.array([2.0 if p in LIDS else 1.0 for p in PROBES])
REFRESH_MS = 200.0


def similarity(a, b):
    """The least-squares similarity taking points a onto b, as a function of points."""
    ca, cb = a.mean(0), b.mean(0)
    za = (a[:, 0] - ca[0]) + 1j * (a[:, 1] - ca[1])
    zb = (b[:, 0] - cb[0]) + 1j * (b[:, 1] - cb[1])
    s = (np.conj(za) @ zb) / max((np.conj(za) @ za).real, 1e-9)

    def apply(p):
        w = s * ((p[..., 0] - ca[0]) + 1j * (p[..., 1] - ca[1]))
        return np.stack([w.real + cb[0], w.imag + cb[1]], -1)
    return apply


def departure(at_key, now):
    motion = similarity(at_key[:len(ANCHORS)], now[:len(ANCHORS)])
    return motion, float((WEIGHTS * np.linalg.norm(motion(at_key) - now, axis=1)).max())


def face_region(landmarks):
    """FaceRegion.FromLandmarks: centre, side (1.5 × the upright box) and the eye line's angle."""
    r, l = landmarks[33], landmarks[263]
    angle = math.atan2(l[1] - r[1], l[0] - r[0])
    c, s = math.cos(angle), math.sin(angle)
    upright = landmarks @ np.array([[c, -s], [s, c]])
    lo, hi = upright.min(0), upright.max(0)
    centre = ((lo + hi) / 2) @ np.array([[c, s], [-s, c]])
    return centre, float(max(hi - lo) * 1.5), angle


def eye_distance(landmarks):
    return float(np.linalg.norm(landmarks[33] - landmarks[263]))


def load(frames_csv):
    d = pd.read_csv(frames_csv)
    d = d[(d.face_id == d.face_id.mode()[0]) & (d.success == 1)]
    xs = d[[f"mp_x_{i}" for i in range(468)]].values
    ys = d[[f"mp_y_{i}" for i in range(468)]].values
    landmarks = {int(f): np.stack([x, y], -1).astype(np.float64) for f, x, y in zip(d.frame, xs, ys)}
    times = dict(zip(d.frame.astype(int), d.timestamp * 1000))
    return landmarks, times, set(d.frame[d.au_status == "reference_restarted"].astype(int))


def cut(grey, x, y, w, h, shrink):
    patch = grey[y:y + h, x:x + w]
    return cv2.resize(patch, (w // shrink, h // shrink), interpolation=cv2.INTER_AREA) if shrink > 1 else patch.copy()


def detail(patch, sigma):
    p = patch.astype(np.float32)
    return np.clip(p - cv2.GaussianBlur(p, (0, 0), sigma) + 128, 0, 255).astype(np.uint8)


def frames_of(video, landmarks):
    """(frame number, grey image, whether the face was also in the previous frame) for the frames with the face."""
    capture = cv2.VideoCapture(video)
    number, previous = 0, False
    while True:
        ok, frame = capture.read()
        if not ok:
            return
        number += 1
        present = number in landmarks
        if present:
            yield number, cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY), previous
        previous = present


def carried_error(motion, key_landmarks, probes_now, truth):
    carried = motion(key_landmarks)
    carried[PROBES] = probes_now
    return np.linalg.norm(carried - truth, axis=1).mean() / eye_distance(truth)


def keyframe_design(video, landmarks, times, limit):
    criteria = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 20, 0.01)
    key, runs, errors = None, 0, []
    for n, grey, continued in frames_of(video, landmarks):
        refresh = key is None or not continued or times[n] - key["t"] >= REFRESH_MS
        if not refresh:
            x, y, w, h, f = key["rect"]
            found, status, _ = cv2.calcOpticalFlowPyrLK(key["grey"], cut(grey, x, y, w, h, f), key["points"], key["found"], winSize=(11, 11),
                                                        maxLevel=2, criteria=criteria, flags=cv2.OPTFLOW_USE_INITIAL_FLOW)
            key["found"] = found
            at_key, now = key["points"].reshape(-1, 2) * f + [x, y], found.reshape(-1, 2) * f + [x, y]
            motion, worst = departure(at_key, now)
            refresh = (status.ravel() != 1).any() or not math.isfinite(worst) or worst > limit * key["eye"]
            if not refresh:
                errors.append(carried_error(motion, key["landmarks"], now, landmarks[n]))
        if refresh:
            runs += 1
            centre, side, angle = face_region(landmarks[n])
            half = side / 2 * (abs(math.cos(angle)) + abs(math.sin(angle)))
            x = int(np.clip(math.floor(centre[0] - half), 0, grey.shape[1] - 1))
            y = int(np.clip(math.floor(centre[1] - half), 0, grey.shape[0] - 1))
            w = int(np.clip(math.ceil(centre[0] + half), x + 1, grey.shape[1])) - x
            h = int(np.clip(math.ceil(centre[1] + half), y + 1, grey.shape[0])) - y
            f = max(1, (max(w, h) + 199) // 200)
            w, h = max(f, w // f * f), max(f, h // f * f)
            points = ((landmarks[n][PROBES] - [x, y]) / f).astype(np.float32).reshape(-1, 1, 2)
            key = dict(t=times[n], rect=(x, y, w, h, f), grey=cut(grey, x, y, w, h, f), points=points, found=points.copy(),
                       landmarks=landmarks[n].copy(), eye=eye_distance(landmarks[n]))
    return runs, errors


def reference_design(video, landmarks, times, restarts, limit):
    criteria = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 30, 0.003)
    ref, key, runs, errors = None, None, 0, []
    for n, grey, continued in frames_of(video, landmarks):
        if ref is None or not continued or n in restarts:
            # The AU reference is (re)taken where FaceFlash took it, on FaceMesh's landmarks.
            runs += 1
            eye = eye_distance(landmarks[n])
            shrink = max(1, math.ceil(eye / 256))
            centre, side, _ = face_region(landmarks[n])
            side = math.ceil(side * 1.25)
            w = max(shrink, min(side, grey.shape[1]) // shrink * shrink)
            h = max(shrink, min(side, grey.shape[0]) // shrink * shrink)
            x = int(np.clip(round(centre[0] - w / 2), 0, grey.shape[1] - w))
            y = int(np.clip(round(centre[1] - h / 2), 0, grey.shape[0] - h))
            sigma = 0.12 * eye / shrink
            window = int(np.clip(int(round(0.12 * eye / shrink)) | 1, 7, 31))
            ref = dict(grey=detail(cut(grey, x, y, w, h, shrink), sigma), size=(w, h), shrink=shrink, sigma=sigma, window=window,
                       points=((landmarks[n][PROBES] - [x, y]) / shrink).astype(np.float32).reshape(-1, 1, 2),
                       found=landmarks[n][PROBES].copy(), face=landmarks[n])
            key = dict(t=times[n], probes=landmarks[n][PROBES].copy(), landmarks=landmarks[n].copy(), eye=eye)
            continue
        (w, h), shrink = ref["size"], ref["shrink"]
        centre, _, _ = face_region(ref["face"])  # where the landmarks last put the face
        x = int(np.clip(round(centre[0] - w / 2), 0, grey.shape[1] - w))
        y = int(np.clip(round(centre[1] - h / 2), 0, grey.shape[0] - h))
        start = ((ref["found"] - [x, y]) / shrink).astype(np.float32).reshape(-1, 1, 2)
        found, _, _ = cv2.calcOpticalFlowPyrLK(ref["grey"], detail(cut(grey, x, y, w, h, shrink), ref["sigma"]), ref["points"], start,
                                               winSize=(ref["window"], ref["window"]), maxLevel=3, criteria=criteria,
                                               flags=cv2.OPTFLOW_USE_INITIAL_FLOW)
        now = found.reshape(-1, 2) * shrink + [x, y]
        ref["found"] = now
        motion, worst = departure(key["probes"], now)
        if times[n] - key["t"] >= REFRESH_MS or not math.isfinite(worst) or worst > limit * key["eye"]:
            runs += 1
            key = dict(t=times[n], probes=now.copy(), landmarks=landmarks[n].copy(), eye=eye_distance(landmarks[n]))
            ref["face"] = landmarks[n]
        else:
            probes = motion(key["landmarks"][PROBES]) + (now - motion(key["probes"]))
            errors.append(carried_error(motion, key["landmarks"], probes, landmarks[n]))
            carried = motion(key["landmarks"])
            carried[PROBES] = probes
            ref["face"] = carried
    return runs, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departure", type=float, default=0.015, help="the departure test's limit, a share of the eye-corner distance")
    parser.add_argument("pairs", nargs="+", help="VIDEO FRAMES_CSV …")
    args = parser.parse_args()
    for video, frames_csv in zip(args.pairs[::2], args.pairs[1::2]):
        landmarks, times, restarts = load(frames_csv)
        for name, (runs, errors) in (("keyframe", keyframe_design(video, landmarks, times, args.departure)),
                                     ("reference", reference_design(video, landmarks, times, restarts, args.departure))):
            e = np.array(errors or [np.nan]) * 100
            print(f"{video.split('/')[-1]:22s} {name:9s} {len(landmarks):5d} frames, FaceMesh on {runs / len(landmarks):5.1%}; "
                  f"carried landmarks off by {np.mean(e):.2f} % (95th percentile {np.percentile(e, 95):.2f} %, worst {np.max(e):.2f} %)", flush=True)


if __name__ == "__main__":
    main()
