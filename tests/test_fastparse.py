"""The fast parser prediction step gives exactly Stanza's trees and labels."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

from annotator import fastparse, nlp, parse
from tests.conftest import ROOT


def _log_probs(rng, n: int) -> np.ndarray:
    s = rng.normal(size=(n, n)) * rng.uniform(0.5, 6)
    s = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    np.fill_diagonal(s, -np.inf)
    return s.astype(np.float32)


def test_best_tree_matches_stanzas_search_on_random_scores():
    rng = np.random.default_rng(7)
    searched = 0
    for _ in range(400):
        scores = _log_probs(rng, int(rng.integers(2, 45)))
        searched += fastparse.greedy_tree(scores) is None
        assert np.array_equal(fastparse.best_tree(scores)[1:],
                              chuliu_edmonds_one_root(scores)[1:])
    assert searched > 300  # random scores rarely give a tree: the search itself was tested


def test_greedy_tree_only_accepts_single_rooted_trees():
    s = np.full((4, 4), -9.0)
    s[1, 0] = s[2, 1] = s[3, 2] = 0  # 0 <- 1 <- 2 <- 3
    assert fastparse.greedy_tree(s).tolist() == [0, 0, 1, 2]
    s[3, 0] = 1  # a second root
    assert fastparse.greedy_tree(s) is None
    s[3, 0] = -9
    s[1, 0], s[1, 2] = -9, 0  # 1 <-> 2: a cycle, no root
    assert fastparse.greedy_tree(s) is None


@pytest.fixture(scope="module")
def tagged_document():
    """Real sentences from the dev set's news texts, tagged and lemmatised by our models."""
    import stanza

    files = sorted((ROOT / "data/devset/gum").glob("*.txt"))[:5]
    texts = [f.read_text(encoding="utf-8") for f in files]
    proc = nlp.load_pipeline(None).processors
    docs = proc["mwt"].bulk_process(proc["tokenize"].bulk_process(
        [stanza.Document([], text=t) for t in texts]))
    sentences = [s for d in docs for s in d.sentences]
    tagged = proc["pos"].process(parse._as_document(sentences, tagged=False))
    return proc["lemma"].process(parse._as_document(tagged.sentences, tagged=True))


def test_fast_prediction_equals_stanzas_on_real_text(tagged_document):
    from stanza.models.depparse.data import DataLoader

    proc = nlp.load_pipeline(None).processors["depparse"]
    trainer = proc.trainer
    assert trainer.predict.func is fastparse.predict  # installed by nlp.load_pipeline
    batches = DataLoader(tagged_document, proc.config["batch_size"], proc.config, proc.pretrain,
                         vocab=proc.vocab, evaluation=True, sort_during_eval=True)
    words = 0
    with torch.no_grad():
        for batch in batches:
            for resolve in (True, False):
                fast = trainer.predict(batch, resolve_head_constraints=resolve)
                stock = type(trainer).predict(trainer, batch, resolve_head_constraints=resolve)
                assert [[[int(h), d] for h, d in s] for s in stock] == fast
            words += sum(len(s) for s in fast)
    assert words > 2000
