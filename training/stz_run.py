"""Run one of stanza's training entry points with small, documented patches.

Usage: python training/stz_run.py stanza.utils.training.run_pos UD_English-EWT ...

Why:
- In torch 2.13 on CPU the backward pass of ``nn.Bilinear`` is ~40x slower than the
  equivalent einsum, and stanza's tagger/parser heads use it. The patch keeps the same
  parameters and state dict, so the saved models are ordinary stanza files.
- ``TRAIN_SECONDS=N`` ends training after N seconds of wall-clock time instead of after a
  number of steps (the tagger, parser and NER loops stop cleanly, the best model on dev is
  kept). A rented GPU gives a fixed time, not a known step rate.
  ``SECOND_OPTIM_SECONDS=M`` makes the parser switch to its second optimizer after M
  seconds (stanza's ``--second_optim_start_step``, in time).
- ``PARSER_VOCAB_FROM=model.pt`` makes the parser's training data use that model's
  vocabularies. Stanza's ``--continue_from`` loads a model's weights but builds new
  vocabularies from the new training file; on retagged data their order differs and the
  embeddings index out of range.
- ``TAGGER_INIT_FROM=model.pt`` starts the tagger from that model's weights (stanza's
  tagger has no ``--continue_from``); the training data must give the same vocabularies.
- ``TOKENIZER_INIT_FROM=model.pt`` starts the tokenizer from that model's weights
  (stanza 1.15's ``--load_name`` calls ``Trainer.load`` with missing arguments, and would
  leave the optimizer on the discarded model's parameters).
- ``FINETUNE_LR=x``: the NER trainer's ``--finetune`` takes every setting of the loaded
  model, the learning rate included, so ``--lr`` is silently ignored (rounds run at the
  first run's 0.1). This sets the loaded model's optimizer to ``x``.
- ``BERT_CACHE=1``: with a frozen transformer (``--bert_model`` without
  ``--bert_finetune``, and a fixed layer average, ``--bert_hidden_layers 0``) every
  sentence's transformer features are the same in every epoch, so they are computed once
  (in eval mode) and kept in memory. On a CPU the transformer's forward pass would
  otherwise cost more than the rest of a training step.
"""

import os
import runpy
import sys
import time

import torch

torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", "2")))


def _bilinear_forward(self, a, b):
    out = torch.einsum("...i,oij,...j->...o", a, self.weight, b)
    return out + self.bias if self.bias is not None else out


torch.nn.Bilinear.forward = _bilinear_forward


class _Deadline(int):
    """An int that stanza's loops compare with the step number: ``step >= deadline`` is true
    once the wall-clock time has passed (Python asks the subclass's ``__le__`` first)."""

    def __new__(cls, seconds: float):
        obj = super().__new__(cls, 10**9)
        obj.at = time.time() + seconds
        return obj

    def __le__(self, step):
        return time.time() >= self.at

    def __ge__(self, step):
        return time.time() < self.at


_torch_save = torch.save


def _plain_save(obj, *args, **kwargs):
    """Saved configs get a plain int, so the model files load with ``weights_only=True``."""
    if isinstance(obj, dict) and isinstance(obj.get("config"), dict):
        config = {k: int(v) if isinstance(v, _Deadline) else v for k, v in obj["config"].items()}
        obj = {**obj, "config": config}
    return _torch_save(obj, *args, **kwargs)


def _with_time_limits(train):
    def wrapped(args):
        if os.environ.get("TRAIN_SECONDS"):
            args["max_steps"] = _Deadline(float(os.environ["TRAIN_SECONDS"]))
        if os.environ.get("SECOND_OPTIM_SECONDS") and "second_optim_start_step" in args:
            args["second_optim_start_step"] = _Deadline(float(os.environ["SECOND_OPTIM_SECONDS"]))
        return train(args)

    return wrapped


if os.environ.get("TRAIN_SECONDS") or os.environ.get("SECOND_OPTIM_SECONDS"):
    from stanza.models import ner_tagger, parser, tagger

    torch.save = _plain_save
    for _module in (parser, tagger, ner_tagger):
        _module.train = _with_time_limits(_module.train)

if os.environ.get("PARSER_VOCAB_FROM"):
    from stanza.models.depparse import data as _depparse_data
    from stanza.models.pos.vocab import MultiVocab

    _saved = torch.load(os.environ["PARSER_VOCAB_FROM"], map_location="cpu", weights_only=True)
    _vocab = MultiVocab.load_state_dict(_saved["vocab"])
    _init = _depparse_data.DataLoader.__init__

    def _init_with_vocab(self, doc, batch_size, args, pretrain, vocab=None, *rest, **kwargs):
        _init(self, doc, batch_size, args, pretrain, vocab or _vocab, *rest, **kwargs)

    _depparse_data.DataLoader.__init__ = _init_with_vocab

if os.environ.get("TAGGER_INIT_FROM"):
    from stanza.models import tagger as _tagger

    _PosTrainer = _tagger.Trainer

    def _trainer_from_init(args=None, vocab=None, pretrain=None, model_file=None, **kwargs):
        if model_file is not None or vocab is None:
            return _PosTrainer(args=args, vocab=vocab, pretrain=pretrain, model_file=model_file,
                               **kwargs)
        trainer = _PosTrainer(args=args, pretrain=pretrain,
                              model_file=os.environ["TAGGER_INIT_FROM"], **kwargs)
        if trainer.vocab.state_dict() != vocab.state_dict():
            raise SystemExit("TAGGER_INIT_FROM: the model's vocabularies differ from the data's")
        return trainer

    _tagger.Trainer = _trainer_from_init

if os.environ.get("TOKENIZER_INIT_FROM"):
    from stanza.models import tokenizer as _tokenizer

    _TokTrainer = _tokenizer.Trainer

    def _tok_trainer_from_init(*args, **kwargs):
        trainer = _TokTrainer(*args, **kwargs)
        if kwargs.get("model_file") is None:  # training: start from the given weights
            saved = torch.load(os.environ["TOKENIZER_INIT_FROM"], map_location="cpu",
                               weights_only=True)
            if saved["vocab"] != trainer.vocab.state_dict():
                raise SystemExit("TOKENIZER_INIT_FROM: the model's vocabulary differs from "
                                 "the data's")
            trainer.model.load_state_dict(saved["model"], strict=False)
        return trainer

    _tokenizer.Trainer = _tok_trainer_from_init

if os.environ.get("FINETUNE_LR"):
    from stanza.models import ner_tagger as _ner_tagger

    _load_model = _ner_tagger.load_model

    def _load_model_with_lr(args, model_file):
        loaded_args, trainer, vocab = _load_model(args, model_file)
        lr = float(os.environ["FINETUNE_LR"])
        trainer.args["lr"] = lr
        for group in trainer.optimizer.param_groups:
            group["lr"] = lr
        return loaded_args, trainer, vocab

    _ner_tagger.load_model = _load_model_with_lr

if os.environ.get("BERT_CACHE"):
    from stanza.models.depparse import model as _depparse_model
    from stanza.models.pos import model as _pos_model

    _extract = _pos_model.extract_bert_embeddings
    _features: dict = {}

    def _cached_extract(model_name, tokenizer, model, data, device, keep_endpoints,
                        detach=True, bert_layer_mix=None, peft_name=None):
        if not detach or bert_layer_mix is not None:
            raise SystemExit("BERT_CACHE needs a frozen transformer and --bert_hidden_layers 0")
        keys = [(keep_endpoints, tuple(words)) for words in data]
        missing = [list(k[1]) for k in dict.fromkeys(k for k in keys if k not in _features)]
        if missing:
            was_training = model.training
            model.eval()
            with torch.no_grad():
                new = _extract(model_name, tokenizer, model, missing, device, keep_endpoints,
                               detach=True, peft_name=peft_name)
            model.train(was_training)
            for words, feats in zip(missing, new, strict=True):
                _features[(keep_endpoints, tuple(words))] = feats.detach().clone()
        return [_features[k] for k in keys]

    _pos_model.extract_bert_embeddings = _cached_extract
    _depparse_model.extract_bert_embeddings = _cached_extract

module = sys.argv[1]
sys.argv = [module] + sys.argv[2:]
runpy.run_module(module, run_name="__main__", alter_sys=True)
