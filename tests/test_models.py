"""The shipped compact Stanza models: they load offline and analyse news sensibly."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from annotator import nlp
from annotator.cli import cli

SENTENCE = "Interior Minister Kalmukanbet Kasymov said the attackers had been stopped."


def test_shipped_models_load_and_parse_offline(no_network):
    nlp._load.cache_clear()  # load for real with the network blocked
    pipe = nlp.load_pipeline()
    doc = pipe(SENTENCE)
    words = {w.text: w for s in doc.sentences for w in s.words}
    kasymov, said = words["Kasymov"], words["said"]
    assert kasymov.upos == "PROPN" and words["Kalmukanbet"].upos == "PROPN"
    assert said.upos == "VERB" and said.lemma == "say"
    # the subject of "said" is the phrase "Interior Minister Kalmukanbet Kasymov",
    # whichever of its words UD makes the head ("flat" and "compound" for the rest)
    sent = doc.sentences[0].words
    subjects = {w.id for w in sent if w.deprel == "nsubj" and w.head == said.id}
    node = kasymov
    while node.id not in subjects:
        assert node.head not in (0, said.id), "Kasymov is not inside the subject of said"
        node = sent[node.head - 1]
    assert node.text in ("Interior", "Minister", "Kalmukanbet", "Kasymov")
    assert any(e.type == "PERSON" and "Kasymov" in e.text for e in doc.ents)


def test_pipeline_is_loaded_once_per_process():
    assert nlp.load_pipeline() is nlp.load_pipeline()


def test_models_info_json_has_absolute_paths_that_rebuild_the_pipeline():
    result = CliRunner().invoke(cli, ["models", "info", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert Path(data["dir"]).is_absolute() and Path(data["dir"]).is_dir()
    for proc in nlp.PROCESSORS:
        entry = data["processors"][proc]
        assert Path(entry["model_path"]).is_absolute() and Path(entry["model_path"]).exists()
    for proc in ("pos", "depparse", "ner"):
        assert Path(data["processors"][proc]["pretrain_path"]).exists()
    assert data["total_size_mb"] <= 60


def test_info_json_rebuilds_the_same_pipeline_with_plain_stanza(no_network):
    """What `models info --json` prints is enough to load the models with stanza itself
    (plus, for a set with a transformer, the foundation cache holding it) and get the
    same analysis."""
    import stanza

    from annotator import transformer

    data = nlp.info()
    kwargs = dict(data["pipeline_kwargs"], processors="tokenize,mwt,pos,lemma,depparse")
    plain = stanza.Pipeline(use_gpu=False, logging_level="ERROR", **kwargs,
                            foundation_cache=transformer.foundation_cache(Path(data["dir"])))
    ours = nlp.load_pipeline()
    got = [(w.text, w.upos, w.head, w.deprel) for w in plain(SENTENCE).sentences[0].words]
    want = [(w.text, w.upos, w.head, w.deprel) for w in ours(SENTENCE).sentences[0].words]
    assert got == want
    assert ("Kasymov", "PROPN") in [(t, u) for t, u, _, _ in got]


def test_models_info_text_lists_processors_and_scores():
    result = CliRunner().invoke(cli, ["models", "info"])
    assert result.exit_code == 0
    for proc in nlp.PROCESSORS:
        assert proc in result.output
    assert "score" in result.output
    ner = next(line for line in result.output.splitlines() if line.strip().startswith("ner "))
    assert ner.endswith("(word vectors: ner_pretrain.pt)")  # the NER model's own vectors


def test_download_fails_fast_and_clearly_offline(no_network):
    result = CliRunner().invoke(cli, ["models", "download"])
    assert result.exit_code != 0
    assert "offline" in result.output


def test_missing_model_directory_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["models", "info", "--model-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "lacks" in result.output and "tokenize.pt" in result.output


def test_official_models_absent_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["annotate", "-", "--model-dir", "official"],
                                input="He said “yes, indeed we will”.")
    assert result.exit_code != 0
    assert "annotator models download" in result.output


def test_transformer_int8_round_trip_keeps_every_weight_close():
    import torch

    from annotator import transformer

    torch.manual_seed(0)
    state = {"layer.weight": torch.randn(64, 48) * 0.05, "layer.bias": torch.randn(64),
             "norm.weight": torch.ones(48)}
    stored = transformer.quantize(state)
    assert stored["layer.weight"].dtype == torch.int8
    assert stored["layer.weight.scale"].shape == (64, 1)
    back = transformer.dequantize(stored)
    assert set(back) == set(state)
    for key, value in state.items():
        # int8 with a scale per row: each weight within half a step of its row's scale
        step = value.abs().amax(dim=-1, keepdim=True) / 127 if value.dim() == 2 else 1e-3
        assert torch.all((back[key] - value).abs() <= step * 0.51 + 1e-3 * value.abs()), key


def test_a_model_set_with_an_int8_transformer_loads_it_under_the_saved_name(tmp_path):
    """A tiny BERT written as training/install_models.py writes one: the foundation cache
    holds it under the name the tagger and parser were saved with, and its features are
    the float model's to within int8 rounding."""
    import importlib.util

    import torch
    from stanza.models.common.bert_embedding import extract_bert_embeddings
    from transformers import BertConfig, BertModel, BertTokenizerFast

    from annotator import transformer

    src = tmp_path / "src"
    src.mkdir()
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "minister", "said", "."]
    (src / "vocab.txt").write_text("\n".join(words) + "\n")
    BertTokenizerFast(str(src / "vocab.txt")).save_pretrained(src)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(words), hidden_size=32, num_hidden_layers=4,
                        num_attention_heads=2, intermediate_size=64)
    float_model = BertModel(config).eval()
    float_model.save_pretrained(src)
    spec = importlib.util.spec_from_file_location(
        "install_models", nlp.ROOT / "training" / "install_models.py")
    install_models = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(install_models)
    install_models.save_transformer(src, tmp_path / "set" / transformer.FOLDER)

    assert transformer.foundation_cache(tmp_path) is None  # no transformer/ folder there
    cache = transformer.foundation_cache(tmp_path / "set")
    model, tokenizer = cache.load_bert(transformer.NAME)
    sentence = [["the", "minister", "said", "."]]
    got = extract_bert_embeddings(transformer.NAME, tokenizer, model, sentence,
                                  torch.device("cpu"), keep_endpoints=False)[0]
    want = extract_bert_embeddings(transformer.NAME, tokenizer, float_model, sentence,
                                   torch.device("cpu"), keep_endpoints=False)[0]
    assert got.shape == (4, 32)
    assert (got - want).norm() / want.norm() < 0.05


def test_the_ner_model_reads_its_own_word_vectors_when_the_set_has_them(tmp_path):
    """A set with ``ner_pretrain.pt`` (training/make_ner_vectors.py; the shipped set has
    one) gives the NER model that file and the tagger and parser the shared one; a set
    without it (the NER models of earlier releases), the shared one to all three.
    `models info --json` says which."""
    shipped = nlp.DEFAULT_MODEL_DIR
    assert nlp.info(shipped)["processors"]["ner"]["pretrain_path"] == str(
        shipped / "ner_pretrain.pt")
    for f in shipped.iterdir():
        if f.is_file() and f.name != "ner_pretrain.pt":
            (tmp_path / f.name).symlink_to(f)
    kwargs = nlp.pipeline_kwargs(tmp_path)
    assert {kwargs[f"{p}_pretrain_path"] for p in nlp.NEEDS_PRETRAIN} == {
        str(tmp_path / "pretrain.pt")}

    (tmp_path / "ner_pretrain.pt").symlink_to(shipped / "pretrain.pt")
    kwargs = nlp.pipeline_kwargs(tmp_path)
    assert kwargs["ner_pretrain_path"] == str(tmp_path / "ner_pretrain.pt")
    assert kwargs["pos_pretrain_path"] == kwargs["depparse_pretrain_path"] == str(
        tmp_path / "pretrain.pt")
    info = nlp.info(tmp_path)
    assert info["processors"]["ner"]["pretrain_path"] == str(tmp_path / "ner_pretrain.pt")


def test_ner_vectors_from_a_transformers_input_embeddings(tmp_path):
    """training/make_ner_vectors.py on a tiny BERT: the shared words plus the BERT's
    whole words (no "##" pieces), a word's vector the mean of its pieces' embeddings,
    reduced and scaled, written as a float16 file stanza's Pretrain reads."""
    import importlib.util

    import numpy as np
    import torch
    from stanza.models.common.pretrain import Pretrain
    from transformers import BertConfig, BertModel, BertTokenizerFast

    src = tmp_path / "bert"
    src.mkdir()
    pieces = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "athens", "melanie", "greece",
              "kar", "##via", "##ing", "the", "3"]
    (src / "vocab.txt").write_text("\n".join(pieces) + "\n")
    BertTokenizerFast(str(src / "vocab.txt")).save_pretrained(src)
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=len(pieces), hidden_size=128, num_hidden_layers=1,
                         num_attention_heads=2, intermediate_size=64)).save_pretrained(src)
    spec = importlib.util.spec_from_file_location(
        "make_ner_vectors", nlp.ROOT / "training" / "make_ner_vectors.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    shared_path = nlp.DEFAULT_MODEL_DIR / "pretrain.pt"
    shared = torch.load(shared_path, map_location="cpu", weights_only=False)
    words = mod.vocabulary(src, shared)
    shared_words = shared["vocab"]["_id2unit"][4:]
    assert words[: len(shared_words)] == shared_words
    added = words[len(shared_words):]  # not "##via", "##ing", "3", "[UNK]", nor "the" again
    assert added == [w for w in ("athens", "melanie", "greece", "kar") if w not in shared_words]
    assert len(words) == len(set(words))

    table = BertModel.from_pretrained(src).embeddings.word_embeddings.weight.detach().numpy()
    means = mod.piece_means(src, ["athens", "karvia"])
    assert np.allclose(means[0], table[pieces.index("athens")])
    assert np.allclose(means[1], table[[pieces.index("kar"), pieces.index("##via")]].mean(0))

    out = tmp_path / "ner.pretrain.pt"
    mod.make(src, shared_path, out)
    loaded = Pretrain(str(out))
    assert loaded.emb.dtype == torch.float16 and loaded.emb.shape == (len(words) + 4, mod.DIM)
    assert loaded.vocab.unit2id("athens") == words.index("athens") + 4
    spread = float(shared["emb"][4:].std())
    assert abs(float(loaded.emb[4:].float().std()) - spread) < 0.01 * spread
