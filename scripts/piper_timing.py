#!/usr/bin/env python3
"""Makes a copy of a Piper voice model that also outputs each phoneme's duration.

Piper (VITS) models compute `w_ceil`, the number of audio frames (of `hop_length` samples) each
input id lasts, as the output of their one `Ceil` node, but do not output it. The copy adds an
Identity node and a graph output `w_ceil` fed by it, and changes nothing else: the audio output
is bit for bit the same. voxpress reads word timings from it when it is there.

usage: python3 piper_timing.py MODEL.onnx COPY.onnx
"""

import sys

import onnx
from onnx import TensorProto, helper

model_path, copy_path = sys.argv[1], sys.argv[2]
model = onnx.load(model_path)
graph = model.graph
if any(o.name == "w_ceil" for o in graph.output):
    onnx.save(model, copy_path)
    sys.exit(0)
ceil = [n for n in graph.node if n.op_type == "Ceil"]
if len(ceil) != 1:
    sys.exit(f"{model_path}: expected one Ceil node (the phoneme durations), found {len(ceil)}")
graph.node.append(helper.make_node("Identity", [ceil[0].output[0]], ["w_ceil"], name="w_ceil_output"))
graph.output.append(helper.make_tensor_value_info("w_ceil", TensorProto.FLOAT, [1, 1, "phonemes"]))
onnx.checker.check_model(model)
onnx.save(model, copy_path)
