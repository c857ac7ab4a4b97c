#!/usr/bin/env python3
"""An independent reference for FaceFlash's TFLite import: interprets a .tflite graph op by op with numpy (float32),
reading the file through `flatc --json` (Debian package flatbuffers-compiler) and the TFLite schema, and writes
parity fixtures for the blendshape model and Face Mesh V2.

    python3 tools/parity/tflite_reference.py  [--mediapipe ../shared/data/models/mediapipe]

Inputs are the 146 landmarks the blendshape model reads, taken from the TF.js FaceMesh outputs in
tests/fixtures/parity/facemesh (real faces); the ten iris points, which FaceMesh v1 does not give, are placed on a
circle at each eye's centre. Writes tests/fixtures/parity/blendshapes/expected.json. Face Mesh V2 runs on the same
three real face crops (tests/fixtures/parity/facemesh), enlarged to 256 pixels; writes tests/fixtures/parity/facemesh-v2.
"""
import argparse, json, os, subprocess, tempfile, zipfile
import numpy as np

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))


def load_tflite(tflite_bytes, schema_path):
    with tempfile.TemporaryDirectory() as tmp:
        # flatc 2.0.8 rejects three '(deprecated)' attributes of the current schema; drop them from a copy.
        schema = open(schema_path).read().replace(' (deprecated)', '')
        open(os.path.join(tmp, 'schema.fbs'), 'w').write(schema)
        open(os.path.join(tmp, 'model.tflite'), 'wb').write(tflite_bytes)
        subprocess.run(['flatc', '--json', '--strict-json', '--defaults-json', '--raw-binary', '-o', tmp,
                        os.path.join(tmp, 'schema.fbs'), '--', os.path.join(tmp, 'model.tflite')], check=True)
        return json.load(open(os.path.join(tmp, 'model.json')))


def tensor_value(model, tensor):
    data = model['buffers'][tensor['buffer']].get('data', [])
    if not data:
        return None
    raw = bytes(data)
    dtype = {'FLOAT32': np.float32, 'FLOAT16': np.float16, 'INT32': np.int32, 'INT64': np.int64}[tensor['type']]
    return np.frombuffer(raw, dtype=dtype).reshape(tensor.get('shape', []))


def activation(x, name):
    if name in (None, 'NONE'):
        return x
    if name == 'RELU':
        return np.maximum(x, 0)
    raise NotImplementedError(name)


def conv(x, w, b, opts):
    # NHWC input, OHWI filter, VALID or SAME padding.
    n = x.shape[0]
    o, kh, kw, ci = w.shape
    sh, sw = opts.get('stride_h', 1), opts.get('stride_w', 1)
    x, oh, ow = pad_same(x, kh, kw, sh, sw, opts.get('padding', 'SAME'))
    out = np.zeros((n, oh, ow, o), np.float32)
    for i, j, patch in windows(x, kh, kw, sh, sw, oh, ow):
        out += np.einsum('nhwc,oc->nhwo', patch, w[:, i, j, :])
    if b is not None:
        out += b
    return activation(out, opts.get('fused_activation_function')).astype(np.float32)


def depthwise(x, w, b, opts):
    # NHWC input, [1, H, W, C] filter (depth multiplier 1), SAME or VALID padding.
    if opts.get('depth_multiplier', 1) != 1:
        raise NotImplementedError('depth multiplier')
    n, h, wd, c = x.shape
    _, kh, kw, _ = w.shape
    sh, sw = opts.get('stride_h', 1), opts.get('stride_w', 1)
    x, oh, ow = pad_same(x, kh, kw, sh, sw, opts.get('padding', 'SAME'))
    out = np.zeros((n, oh, ow, c), np.float32)
    for i, j, patch in windows(x, kh, kw, sh, sw, oh, ow):
        out += patch * w[0, i, j, :]
    if b is not None:
        out += b
    return activation(out, opts.get('fused_activation_function')).astype(np.float32)


def windows(x, kh, kw, sh, sw, oh, ow):
    """For each kernel offset (i, j), the input values that offset meets at every output position."""
    for i in range(kh):
        for j in range(kw):
            yield i, j, x[:, i:i + sh * oh:sh, j:j + sw * ow:sw, :]


def pad_same(x, kh, kw, sh, sw, padding):
    n, h, wd, c = x.shape
    if padding == 'SAME':
        oh, ow = -(-h // sh), -(-wd // sw)
        ph, pw = max((oh - 1) * sh + kh - h, 0), max((ow - 1) * sw + kw - wd, 0)
        return np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0))), oh, ow
    return x, (h - kh) // sh + 1, (wd - kw) // sw + 1


def max_pool(x, opts):
    kh, kw, sh, sw = opts['filter_height'], opts['filter_width'], opts['stride_h'], opts['stride_w']
    if opts.get('padding', 'SAME') != 'VALID':
        raise NotImplementedError('SAME max pooling')
    n, h, wd, c = x.shape
    oh, ow = (h - kh) // sh + 1, (wd - kw) // sw + 1
    out = np.full((n, oh, ow, c), -np.inf, np.float32)
    for _, _, patch in windows(x, kh, kw, sh, sw, oh, ow):
        out = np.maximum(out, patch)
    return out


def strided_slice(x, begin, end, strides, opts):
    index, shrink = [], []
    for a in range(x.ndim):
        b = None if opts.get('begin_mask', 0) >> a & 1 else int(begin[a])
        e = None if opts.get('end_mask', 0) >> a & 1 else int(end[a])
        if opts.get('shrink_axis_mask', 0) >> a & 1:
            index.append(int(begin[a])); continue
        index.append(slice(b, e, int(strides[a])))
    return x[tuple(index)]


def run(model, inputs):
    graph = model['subgraphs'][0]
    tensors = graph['tensors']
    # These files fill the int field builtin_code (with --defaults-json it is always printed).
    codes = [c['builtin_code'] for c in model['operator_codes']]
    values = {}
    for i, t in enumerate(tensors):
        v = tensor_value(model, t)
        if v is not None:
            values[i] = v
    for i, v in zip(graph['inputs'], inputs):
        values[i] = np.asarray(v, np.float32).reshape(tensors[i]['shape'])
    for op in graph['operators']:
        code = codes[op.get('opcode_index', 0)]
        opts = op.get('builtin_options', {}) or {}
        x = [values[i] if i >= 0 else None for i in op['inputs']]
        act = opts.get('fused_activation_function')
        if code == 'DEQUANTIZE': y = x[0].astype(np.float32)
        elif code == 'CONV_2D': y = conv(x[0], x[1], x[2] if len(x) > 2 else None, opts)
        elif code == 'DEPTHWISE_CONV_2D': y = depthwise(x[0], x[1], x[2] if len(x) > 2 else None, opts)
        elif code == 'MAX_POOL_2D': y = max_pool(x[0], opts)
        elif code == 'PAD': y = np.pad(x[0], x[1])
        elif code == 'PRELU': y = np.where(x[0] >= 0, x[0], x[0] * x[1])
        elif code == 'ADD': y = activation(x[0] + x[1], act)
        elif code == 'SUB': y = activation(x[0] - x[1], act)
        elif code == 'MUL': y = activation(x[0] * x[1], act)
        elif code == 'DIV': y = activation(x[0] / x[1], act)
        elif code == 'SQUARED_DIFFERENCE': y = (x[0] - x[1]) ** 2
        elif code == 'NEG': y = -x[0]
        elif code == 'SQRT': y = np.sqrt(x[0])
        elif code == 'RSQRT': y = 1 / np.sqrt(x[0])
        elif code == 'LOGISTIC': y = 1 / (1 + np.exp(-x[0]))
        elif code == 'MEAN': y = np.mean(x[0], axis=tuple(np.atleast_1d(x[1]).tolist()), keepdims=opts.get('keep_dims', False))
        elif code == 'SUM': y = np.sum(x[0], axis=tuple(np.atleast_1d(x[1]).tolist()), keepdims=opts.get('keep_dims', False))
        elif code == 'RESHAPE': y = x[0].reshape(x[1])
        elif code == 'TRANSPOSE': y = np.transpose(x[0], x[1])
        elif code == 'CONCATENATION': y = np.concatenate([v.astype(np.float32) for v in x], axis=opts['axis'])
        elif code == 'STRIDED_SLICE': y = strided_slice(x[0], x[1], x[2], x[3], opts)
        else: raise NotImplementedError(code)
        values[op['outputs'][0]] = np.asarray(y, np.float32)
    return {tensors[i]['name']: values[i] for i in graph['outputs']}


def landmark_inputs(indices):
    """The blendshape model's input for each real face of the FaceMesh parity fixtures."""
    expected = json.load(open(os.path.join(REPO, 'tests', 'fixtures', 'parity', 'facemesh', 'expected.json')))
    cases = []
    for case in expected['cases']:
        mesh = np.asarray(case['outputs']['output_mesh'], np.float64).reshape(468, 3)[:, :2]
        points = np.zeros((478, 2))
        points[:468] = mesh
        for centre_at, corners in ((468, (33, 133)), (473, (362, 263))):
            a, b = mesh[corners[0]], mesh[corners[1]]
            centre, radius = (a + b) / 2, np.linalg.norm(a - b) / 5
            points[centre_at] = centre
            for k, (dx, dy) in enumerate(((1, 0), (0, -1), (-1, 0), (0, 1))):
                points[centre_at + 1 + k] = centre + radius * np.array([dx, dy])
        cases.append((case['name'], points[indices]))
    return cases


def write_facemesh_v2(bundle, mediapipe):
    """Face Mesh V2 on the FaceMesh fixtures' real face crops, enlarged from 192 to the model's 256 (bilinear)."""
    model = load_tflite(bundle.read('face_landmarks_detector.tflite'), os.path.join(mediapipe, 'tflite_schema.fbs'))
    source = os.path.join(REPO, 'tests', 'fixtures', 'parity', 'facemesh')
    out_dir = os.path.join(REPO, 'tests', 'fixtures', 'parity', 'facemesh-v2')
    os.makedirs(out_dir, exist_ok=True)
    cases = []
    for case in json.load(open(os.path.join(source, 'expected.json')))['cases']:
        crop = np.fromfile(os.path.join(source, case['input']), np.uint8).reshape(192, 192, 3).astype(np.float64)
        at = (np.arange(256) + 0.5) * 192 / 256 - 0.5
        i0 = np.clip(np.floor(at).astype(int), 0, 191); i1 = np.clip(i0 + 1, 0, 191); f = np.clip(at - i0, 0, 1)
        rows = crop[i0] * (1 - f)[:, None, None] + crop[i1] * f[:, None, None]
        big = np.round(rows[:, i0] * (1 - f)[None, :, None] + rows[:, i1] * f[None, :, None]).astype(np.uint8)
        big.tofile(os.path.join(out_dir, case['name'] + '.u8'))
        outputs = run(model, [big[None].astype(np.float32) / 255])
        cases.append({'name': case['name'], 'input': case['name'] + '.u8', 'shape': [1, 256, 256, 3],
                      'outputs': {k: [float(v) for v in np.ravel(o)] for k, o in outputs.items()}})
        print('facemesh-v2', case['name'], 'presence logit', outputs['Identity_1'].ravel()[0])
    with open(os.path.join(out_dir, 'expected.json'), 'w') as f:
        json.dump({'model': 'facemesh-v2', 'generator': 'tools/parity/tflite_reference.py (numpy float32 interpreter of face_landmarks_detector.tflite)',
                   'cases': cases}, f)
        f.write('\n')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--mediapipe', default=os.path.join(REPO, '..', 'shared', 'data', 'models', 'mediapipe'))
    args = parser.parse_args()
    bundle = zipfile.ZipFile(os.path.join(args.mediapipe, 'face_landmarker.task'))
    model = load_tflite(bundle.read('face_blendshapes.tflite'), os.path.join(args.mediapipe, 'tflite_schema.fbs'))
    indices = json.load(open(os.path.join(args.mediapipe, 'blendshapes.json')))['input_landmark_indices']
    out_dir = os.path.join(REPO, 'tests', 'fixtures', 'parity', 'blendshapes')
    os.makedirs(out_dir, exist_ok=True)
    cases = []
    for name, points in landmark_inputs(indices):
        points = np.round(points, 4).astype(np.float32)  # the fixture stores 4 decimals; run on exactly those
        outputs = run(model, [points[None]])
        cases.append({'name': name, 'input': [float(v) for v in points.ravel()],
                      'outputs': {k: [float(v) for v in np.ravel(o)] for k, o in outputs.items()}})
    with open(os.path.join(out_dir, 'expected.json'), 'w') as f:
        json.dump({'model': 'blendshapes', 'generator': 'tools/parity/tflite_reference.py (numpy float32 interpreter of face_blendshapes.tflite)',
                   'cases': cases}, f, indent=1)
        f.write('\n')
    write_facemesh_v2(bundle, args.mediapipe)
    for c in cases:
        top = sorted(zip(c['outputs']['StatefulPartitionedCall:0'], range(52)), reverse=True)[:4]
        print(c['name'], [(i, round(v, 3)) for v, i in top])


if __name__ == '__main__':
    main()
