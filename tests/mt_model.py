"""Build a tiny, deterministic Argos Translate package for the translation tests.

No pretrained model can be downloaded here and torch is not installed, so the tests make their
own: a SentencePiece model trained on a few sentences written below, and a one-layer CTranslate2
Transformer whose weights are set by hand with numpy so that the decoder copies the source piece
by piece, except that the glossary pieces listed in ``TERMS`` come out as their translations.
The result is packed as a real ``.argosmodel`` (a zip with one top-level folder holding
``metadata.json``, ``sentencepiece.model`` and the CTranslate2 ``model/`` folder), so the
engine is tested through exactly the path a downloaded package takes.

How the weights copy (d_model = V + P + 1: one dimension per vocabulary piece, one per
position, one "bias" dimension that keeps every vector's mean at zero, so layer norms only
rescale):

* encoder: embedding of piece v = e_tok(v) - e_bias, position p = e_pos(p) - e_bias; its
  self-attention and feed-forward outputs are zero, so encoder state j holds piece j and
  position j;
* decoder: embeddings are zero, so state t holds only position t; the cross-attention query
  is position t and the keys are positions j, so step t attends to source piece t and reads its
  piece dimensions; the output projection maps piece dimension s to the logit of ``T(s)``
  (s itself, or a glossary term's translation);
* stopping: the source ends with ``</s>`` (``add_source_eos``) and ``</s>`` copies to
  ``</s>``; its key also carries half the match score for every query, so a step past the end
  of the source (another beam's) attends to ``</s>`` too and every beam stops.

The position table has ``POSITIONS`` rows: CTranslate2 refuses inputs (and decoding steps)
longer than that, so the engine under test must split long inputs to fit.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pytest

POSITIONS = 256
"""Rows of the position table: the longest source (pieces + ``</s>``) the model accepts."""

# Source form → translation, as SentencePiece user-defined symbols ("▁" for spaces), so each is
# one piece the model maps. Inflected Russian forms are separate entries, as a real model learns
# them separately.
TERMS: dict[str, str] = {
    "▁дупилумаб": "▁dupilumab",
    "▁дупилумаба": "▁dupilumab",
    "▁дупилумабом": "▁dupilumab",
    "▁алопеция": "▁alopecia",
    "▁алопеции": "▁alopecia",
    "▁атопический▁дерматит": "▁atopic▁dermatitis",
    "▁атопического▁дерматита": "▁atopic▁dermatitis",
}

# The reverse direction, for an en→ru package built from the same SentencePiece model: English
# terms come out in the Russian nominative, as a real model would give them without context.
REVERSE_TERMS: dict[str, str] = {
    "▁dupilumab": "▁дупилумаб",
    "▁alopecia": "▁алопеция",
    "▁atopic▁dermatitis": "▁атопический▁дерматит",
}

# Sentences written for this model (no external data): both alphabets, digits, punctuation and
# the placeholder brackets, so that every character the tests use has a piece.
CORPUS = (
    "Пациенты получали лечение в течение 16 недель.",
    "Лечение алопеции и атопического дерматита: двойное действие препарата.",
    "У пациента с тотальной алопецией отмечен рост волос (IL-4, IL-13).",
    "Patients received treatment for 16 weeks; hair growth was observed.",
    "The dual efficacy of the receptor antagonist can be explained by common links.",
    "Atopic dermatitis is a disease with elevated IL-4, IL-5, IL-13 and IL-31!",
    "Результаты исследования ⟦1⟧ и ⟦2⟧ — см. раздел 3? «Да», 0 7 8 9.",
    "Quotes “like this” and [brackets] {braces} / slashes % plus + equals = 5.",
    "Ёлка, щука, эхо, шьёт, объём, ЮЖНЫЙ, ЖЁЛТЫЙ, цифры 1234567890.",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
)

METADATA = {
    "package_version": "1.0",
    "argos_version": "1.9.0",
    "from_code": "ru",
    "from_name": "Russian",
    "to_code": "en",
    "to_name": "English",
    "type": "translate",
    "code": "translate-ru_en-tiny-copy",
}

REVERSE_METADATA = {
    **METADATA,
    "from_code": "en",
    "from_name": "English",
    "to_code": "ru",
    "to_name": "Russian",
    "code": "translate-en_ru-tiny-copy",
}


def train_sentencepiece() -> bytes:
    """Train the shared source/target SentencePiece model; return its serialized bytes."""
    import sentencepiece as spm

    model = io.BytesIO()
    symbols = list(dict.fromkeys([*TERMS, *TERMS.values()]))
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS * 3),
        model_writer=model,
        vocab_size=240,
        hard_vocab_limit=False,
        user_defined_symbols=symbols,
        character_coverage=1.0,
        num_threads=1,  # deterministic
        minloglevel=2,
    )
    return model.getvalue()


def copy_model_weights(
    pieces: list[str], terms: Mapping[str, str] = TERMS
) -> dict[str, np.ndarray]:
    """Return the hand-set weights by spec path, for a vocabulary of ``pieces`` (see module doc).

    ``terms`` maps the pieces that come out translated; every other piece is copied.
    """
    vocab = len(pieces)
    tok, pos, bias = 0, vocab, vocab + POSITIONS
    d = vocab + POSITIONS + 1
    ffn = 4
    eos = pieces.index("</s>")
    index = {piece: i for i, piece in enumerate(pieces)}
    f32 = np.float32

    def zeros(*shape: int) -> np.ndarray:
        return np.zeros(shape, dtype=f32)

    embeddings = zeros(vocab, d)
    embeddings[np.arange(vocab), tok + np.arange(vocab)] = 1.0
    embeddings[:, bias] = -1.0
    positions = zeros(POSITIONS, d)
    positions[np.arange(POSITIONS), pos + np.arange(POSITIONS)] = 1.0
    positions[:, bias] = -1.0

    # Cross-attention. Scores: query (position t, scaled by beta) · key (position j) is large
    # only for j == t; the "</s>" key gets half of it for every query via the bias dimension,
    # whose layer-normed value is negative in every decoder state (hence -beta).
    beta, half = 8.0, 0.5
    query = zeros(d, d)
    query[pos + np.arange(POSITIONS), pos + np.arange(POSITIONS)] = beta
    query[bias, bias] = -beta
    key_value = zeros(2 * d, d)
    key_value[pos + np.arange(POSITIONS), pos + np.arange(POSITIONS)] = 1.0
    key_value[bias, tok + eos] = half
    key_value[d + tok + np.arange(vocab), tok + np.arange(vocab)] = 1.0  # values: the piece
    output = zeros(d, d)
    output[tok + np.arange(vocab), tok + np.arange(vocab)] = 1.0
    output[bias, tok : tok + vocab] = -1.0  # keep the mean at zero

    projection = zeros(vocab, d)
    for source, i in index.items():
        projection[index[terms.get(source, source)], tok + i] = 3.0

    weights: dict[str, np.ndarray] = {}
    for side in ("encoder", "decoder"):
        weights[f"{side}/position_encodings/encodings"] = positions
        weights[f"{side}/layer_norm/gamma"] = np.ones(d, dtype=f32)
        weights[f"{side}/layer_norm/beta"] = zeros(d)
        layer = f"{side}/layer_0"
        for norm in ("self_attention", "ffn") + (("attention",) if side == "decoder" else ()):
            weights[f"{layer}/{norm}/layer_norm/gamma"] = np.ones(d, dtype=f32)
            weights[f"{layer}/{norm}/layer_norm/beta"] = zeros(d)
        # Self-attention and feed-forward add nothing: the residual stream passes unchanged.
        weights[f"{layer}/self_attention/linear_0/weight"] = zeros(3 * d, d)
        weights[f"{layer}/self_attention/linear_0/bias"] = zeros(3 * d)
        weights[f"{layer}/self_attention/linear_1/weight"] = zeros(d, d)
        weights[f"{layer}/self_attention/linear_1/bias"] = zeros(d)
        weights[f"{layer}/ffn/linear_0/weight"] = zeros(ffn, d)
        weights[f"{layer}/ffn/linear_0/bias"] = zeros(ffn)
        weights[f"{layer}/ffn/linear_1/weight"] = zeros(d, ffn)
        weights[f"{layer}/ffn/linear_1/bias"] = zeros(d)
    weights["encoder/embeddings_0/weight"] = embeddings
    weights["decoder/embeddings/weight"] = zeros(vocab, d)
    attention = "decoder/layer_0/attention"
    for i, matrix in enumerate((query, key_value, output)):
        weights[f"{attention}/linear_{i}/weight"] = matrix
        weights[f"{attention}/linear_{i}/bias"] = zeros(matrix.shape[0])
    weights["decoder/projection/weight"] = projection
    weights["decoder/projection/bias"] = zeros(vocab)
    return weights


def build_ctranslate2_model(
    pieces: list[str], output_dir: Path, terms: Mapping[str, str] = TERMS
) -> None:
    """Fill a one-layer TransformerSpec with the copy weights and save it to ``output_dir``."""
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(1, 1)
    weights = copy_model_weights(pieces, terms)
    for path, value in weights.items():
        _set(spec, path, value)
    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False  # embeddings are set at their final scale
    spec.config.add_source_eos = True  # the "</s>" key is what stops decoding
    spec.config.layer_norm_epsilon = 1e-6
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize(quantization=None)
    output_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(output_dir))


def _set(spec: object, path: str, value: np.ndarray) -> None:
    """Set ``spec``'s variable at a slash path such as ``decoder/layer_0/ffn/linear_0/weight``."""
    *parents, name = path.split("/")
    node = spec
    for part in parents:
        attr, _, number = part.rpartition("_")
        if number.isdigit() and hasattr(node, attr) and isinstance(getattr(node, attr), list):
            node = getattr(node, attr)[int(number)]
        else:
            node = getattr(node, part)
    setattr(node, name, value)


def build_package(
    output_dir: Path,
    name: str = "translate-ru_en-tiny-copy",
    *,
    terms: Mapping[str, str] = TERMS,
    metadata: Mapping[str, str] = METADATA,
) -> Path:
    """Build the tiny model and pack it as ``output_dir/NAME.argosmodel``; return its path.

    The defaults give the ru→en package; ``REVERSE_TERMS`` and ``REVERSE_METADATA`` the en→ru one.
    """
    import sentencepiece as spm

    work = output_dir / f"{name}.build"
    work.mkdir(parents=True, exist_ok=True)
    sp_bytes = train_sentencepiece()
    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    build_ctranslate2_model(pieces, work / "model", terms)
    package = output_dir / f"{name}.argosmodel"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}/metadata.json", json.dumps(metadata, indent=2))
        archive.writestr(f"{name}/sentencepiece.model", sp_bytes)
        for file in sorted((work / "model").iterdir()):
            archive.write(file, f"{name}/model/{file.name}")
    return package


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the tiny ru→en ``.argosmodel``, built once per test session."""
    folder = tmp_path_factory.mktemp("argos-models")
    build_package(folder)
    return folder
