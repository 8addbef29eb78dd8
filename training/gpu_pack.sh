#!/usr/bin/env bash
# Pack what training/gpu_train.sh needs on a GPU machine that has torch but not stanza and
# cannot download: stanza and its pure-Python dependencies, the prepared training data
# (tagger, parser, tokenizer, NER) and the MiniLM word vectors (`train.sh ner_vectors`),
# xz-compressed: the whole working tree that travels to the machine must stay under 64 MiB,
# and the shipped models alone are 44 MB of it.
# Run after `training/train.sh prepare` (and `ner_vectors` for the *_minilm jobs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${TRAIN_DIR:-$ROOT/build/train}
SITE=$($ROOT/.venv/bin/python -c "import stanza, os; print(os.path.dirname(os.path.dirname(stanza.__file__)))")
PACK=$ROOT/build/gpu
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
rm -rf "$PACK" && mkdir -p "$PACK" "$TMP/site"
for pkg in stanza udtools udapi termcolor platformdirs emoji; do
  cp -r "$SITE/$pkg" "$TMP/site/"
done
rm -rf "$TMP"/site/stanza/tests "$TMP"/site/udtools/data
# orjson is compiled for this machine's Python; the GPU machine's differs. Stanza imports it
# only to (de)serialise the lemmatizer's dictionary, which these runs do not train.
printf 'import json\n\ndef dumps(obj):\n    return json.dumps(obj).encode()\n\nloads = json.loads\n' > "$TMP/site/orjson.py"
find "$TMP/site" -name __pycache__ -prune -exec rm -rf {} +
tar cJf "$PACK/site.txz" -C "$TMP" site
cd "$WORK"
tar cJf "$PACK/data.txz" data/pos data/ner/en_gum.{train,dev,test}.json \
  data/depparse/en_ewtgum.{train,dev,test}.in.conllu \
  data/tokenize/en_ewtgum-ud-* data/tokenize/en_ewtgum.{dev,test}.* data/tokenize/en_ewtgum.train.txt
MINILM_VECTORS=${MINILM_VECTORS:-$WORK/en-compact-ner/ner_pretrain.pt}
[ -f "$MINILM_VECTORS" ] && cp "$MINILM_VECTORS" "$PACK/minilm_pretrain.pt"
du -sh "$PACK"/*
