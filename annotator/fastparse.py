"""A faster prediction step for Stanza's graph dependency parser: same trees, less work.

Stanza's parser scores every (dependent, head, label) triple of a sentence, turns the
whole n x n x labels tensor into log-probabilities, and decodes every sentence with a
pure-Python Chu-Liu-Edmonds search. On a CPU that decoding and the label tensor are
over half of the parser's time. Two shortcuts give the same output:

- When the best head of every word already forms a tree with one root, that tree *is*
  the best single-root tree, so no search is needed (most sentences). Otherwise the
  same Chu-Liu-Edmonds search runs, with Stanza's single-root reweighting, written with
  numpy contractions instead of Stanza's per-node Python recursion.
- Labels are scored only for the arcs in the chosen tree. Only when a tree breaks a
  head constraint (two subjects or two objects on one head) does the sentence get the
  full label tensor, and Stanza's own repair.

``install(processor)`` swaps this in for one loaded depparse processor (an instance
attribute; Stanza itself is not patched). Parsers of another kind, or with options this
step does not know, keep Stanza's own prediction. tests/test_fastparse.py checks that
both give the same heads and labels on held-out text.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import torch
import torch.nn.functional as F
from stanza.models.common import utils
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root
from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
from stanza.models.depparse.head_constraints import (
    find_head_constraint_violations,
    resolve_head_constraint_violations,
)
from stanza.models.depparse.model import GraphParser
from stanza.models.depparse.trainer import unpack_batch


def greedy_tree(scores: np.ndarray) -> np.ndarray | None:
    """Each word's best head, if those arcs form a tree with exactly one root; else None.

    ``scores[d, h]`` scores word ``h`` as the head of word ``d``; row and column 0 are
    the root symbol.
    """
    n = scores.shape[0]
    s = scores.copy()
    np.fill_diagonal(s, -np.inf)
    tree = np.zeros(n, dtype=np.int64)
    tree[1:] = s[1:].argmax(axis=1)
    if np.count_nonzero(tree[1:] == 0) != 1 or _find_cycle(tree) is not None:
        return None
    return tree


def _find_cycle(heads: np.ndarray) -> list[int] | None:
    """The nodes of one cycle among the arcs ``heads`` (node 0, the root, ends every path)."""
    state = [0] * len(heads)  # 0 unvisited, 1 on the current path, 2 done
    state[0] = 2
    for start in range(1, len(heads)):
        path, v = [], start
        while state[v] == 0:
            state[v] = 1
            path.append(v)
            v = int(heads[v])
        if state[v] == 1:
            return path[path.index(v):]
        for p in path:
            state[p] = 2
    return None


def _max_arborescence(s: np.ndarray) -> np.ndarray:
    """Chu-Liu-Edmonds with numpy contractions: the best head of each node (s[d, h])."""
    n = len(s)
    s = s.copy()
    np.fill_diagonal(s, -np.inf)
    s[0] = -np.inf
    s[0, 0] = 0
    heads = s.argmax(axis=1)
    cycle = _find_cycle(heads)
    if cycle is None:
        return heads
    cyc = np.array(cycle)
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[cyc] = True
    rest = np.flatnonzero(~in_cycle)  # starts with the root
    m = len(rest)
    sub = np.full((m + 1, m + 1), -np.inf)
    sub[:m, :m] = s[np.ix_(rest, rest)]
    # entering the cycle at c from h: s[c, h] minus the cycle arc that c gives up
    entering = s[np.ix_(cyc, rest)] - s[cyc, heads[cyc]][:, None]
    sub[m, :m] = entering.max(axis=0)
    leaving = s[np.ix_(rest, cyc)]
    sub[:m, m] = leaving.max(axis=1)
    sub_heads = _max_arborescence(sub)
    result = heads.copy()
    best_head_in_cycle = cyc[leaving.argmax(axis=1)]
    for k in range(1, m):
        h = sub_heads[k]
        result[rest[k]] = rest[h] if h < m else best_head_in_cycle[k]
    h = sub_heads[m]
    result[cyc[entering[:, h].argmax()]] = rest[h]
    return result


def best_tree(scores: np.ndarray) -> np.ndarray:
    """The best tree with one root, as ``chuliu_edmonds_one_root`` finds it, but faster."""
    tree = greedy_tree(scores)
    if tree is not None:
        return tree
    if len(scores) > 300:  # deep recursion: leave very long sentences to Stanza
        return chuliu_edmonds_one_root(scores)
    s = scores.astype(np.float64)
    s[:, 0] += s[np.isfinite(s)].min() * s.shape[0]  # Stanza's single-root reweighting
    tree = _max_arborescence(s)
    tree[0] = 0
    return tree


def supports(model) -> bool:
    """Whether this step knows how ``model`` scores arcs."""
    return (type(model) is GraphParser and not model.args.get("use_arc_embedding")
            and not model.args.get("reversed", False))


def _arc_scores(model, lstm: torch.Tensor, n: int) -> torch.Tensor:
    """Arc scores exactly as ``GraphParser.forward_scores`` makes them (eval mode)."""
    scores = model.unlabeled(lstm, lstm).squeeze(3)
    offset = None
    if model.args["linearization"] or model.args["distance"]:
        pos = torch.arange(n, device=lstm.device)
        offset = (pos.view(1, 1, -1) - pos.view(1, -1, 1)).expand(lstm.size(0), -1, -1)
    if model.args["linearization"]:
        lin = model.linearization(lstm, lstm).squeeze(3)
        scores += F.logsigmoid(lin * torch.sign(offset).float())
    if model.args["distance"]:
        dist_pred = 1 + F.softplus(model.distance(lstm, lstm).squeeze(3))
        scores += -torch.log((torch.abs(offset).float() - dist_pred) ** 2 / 2 + 1)
    diag = torch.eye(n, dtype=torch.bool, device=lstm.device).unsqueeze(0)
    scores.masked_fill_(diag, -float("inf"))
    return scores


def predict(trainer, batch, unsort: bool = True, resolve_head_constraints: bool = False):
    """Drop-in for ``stanza.models.depparse.trainer.Trainer.predict``."""
    model = trainer.model
    inputs, orig_idx, word_orig_idx, sentlens, wordlens, text = unpack_batch(
        batch, model.get_device())
    word = inputs[0]
    model.eval()
    lstm = model.embed(*inputs, word_orig_idx, sentlens, wordlens, text)
    arc = F.log_softmax(_arc_scores(model, lstm, word.size(1)), 2).cpu().numpy()

    trees = []
    for i, n in enumerate(sentlens):
        trees.append(best_tree(arc[i][:n, :n]))

    # labels for the chosen arcs only: rows = dependents, gathered heads
    scorer = model.deprel
    dep = scorer.hidden_func(scorer.W1(lstm))
    head = scorer.hidden_func(scorer.W2(lstm))
    rows = torch.tensor([i for i, n in enumerate(sentlens) for _ in range(1, n)])
    deps = torch.tensor([j for n in sentlens for j in range(1, n)])
    heads = torch.from_numpy(np.concatenate([t[1:] for t in trees]).astype(np.int64))
    a, b = dep[rows, deps], head[rows, heads]
    a = torch.cat([a, a.new_ones(a.size(0), 1)], 1)
    b = torch.cat([b, b.new_ones(b.size(0), 1)], 1)
    bilinear = scorer.scorer.W_bilin
    labels = (torch.einsum("ni,ijo,nj->no", a, bilinear.weight, b) + bilinear.bias)
    label_ids = labels.argmax(1).cpu().numpy()

    vocab = model.vocab["deprel"]
    pred_tokens, k = [], 0
    for i, n in enumerate(sentlens):
        tree, raw = trees[i], label_ids[k:k + n - 1]
        k += n - 1
        deprels = vocab.unmap([int(r) + VOCAB_PREFIX_SIZE for r in raw])
        if resolve_head_constraints and find_head_constraint_violations(tree, deprels):
            full = bilinear(torch.cat([dep[i:i + 1, :n], dep.new_ones(1, n, 1)], 2),
                            torch.cat([head[i:i + 1, :n], head.new_ones(1, n, 1)], 2))
            log_probs = F.log_softmax(full, 3)[0].cpu().numpy()
            tree, raw = resolve_head_constraint_violations(arc[i][:n, :n], log_probs, tree,
                                                           vocab)
            deprels = vocab.unmap([int(r) + VOCAB_PREFIX_SIZE for r in raw])
        pred_tokens.append([[int(h), d] for h, d in zip(tree[1:], deprels, strict=True)])
    if unsort:
        pred_tokens = utils.unsort(pred_tokens, orig_idx)
    return pred_tokens


def install(processor) -> bool:
    """Use the fast prediction step for this depparse processor; False if unsupported."""
    trainer = processor.trainer
    if not supports(trainer.model):
        return False
    trainer.predict = partial(predict, trainer)
    return True
