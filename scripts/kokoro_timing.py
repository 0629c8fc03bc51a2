#!/usr/bin/env python3
"""Makes a copy of the Kokoro model that also outputs each token's duration.

Kokoro predicts how many frames each input token lasts (sigmoid, summed, divided by the speed,
rounded and clipped to at least one: the graph's `/encoder/Clip` node) and expands the tokens by
it before decoding, but outputs only the audio. The copy adds an Identity node and a graph output
`durations` fed by it, and changes nothing else: the audio output is bit for bit the same.
voxpress reads word timings from it when it is there.

usage: python3 kokoro_timing.py MODEL.onnx COPY.onnx
"""

import sys

import onnx
from onnx import TensorProto, helper

model_path, copy_path = sys.argv[1], sys.argv[2]
model = onnx.load(model_path)
graph = model.graph
if not any(o.name == "durations" for o in graph.output):
    clip = [n for n in graph.node if n.op_type == "Clip" and n.name == "/encoder/Clip"]
    if len(clip) != 1:
        sys.exit(f"{model_path}: expected one /encoder/Clip node (the token durations), found {len(clip)}")
    graph.node.append(helper.make_node("Identity", [clip[0].output[0]], ["durations"], name="durations_output"))
    graph.output.append(helper.make_tensor_value_info("durations", TensorProto.FLOAT, [1, "tokens"]))
onnx.checker.check_model(model)
onnx.save(model, copy_path)
