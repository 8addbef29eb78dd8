#!/usr/bin/env bash
# Pack what training/gpu_train.sh needs on a GPU machine that has torch but not stanza and
# cannot download: stanza and its pure-Python dependencies, and the prepared training data.
# Run after `training/train.sh prepare` and the predicted-tag parser data (see MODEL_CARD.md).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${TRAIN_DIR:-$ROOT/build/train}
SITE=$($ROOT/.venv/bin/python -c "import stanza, os; print(os.path.dirname(os.path.dirname(stanza.__file__)))")
PACK=$ROOT/build/gpu
rm -rf "$PACK" && mkdir -p "$PACK/site"
for pkg in stanza udtools udapi termcolor platformdirs emoji; do
  cp -r "$SITE/$pkg" "$PACK/site/"
done
rm -rf "$PACK"/site/stanza/tests "$PACK"/site/udtools/data
# orjson is compiled for this machine's Python; the GPU machine's differs. Stanza imports it
# only to (de)serialise the lemmatizer's dictionary, which these runs do not train.
printf 'import json\n\ndef dumps(obj):\n    return json.dumps(obj).encode()\n\nloads = json.loads\n' > "$PACK/site/orjson.py"
find "$PACK/site" -name __pycache__ -prune -exec rm -rf {} +
tar czf "$PACK/data.tgz" -C "$WORK" data/pos data/ner \
  data/depparse/en_ewtgum.train.in.conllu data/depparse/en_ewtgum.dev.in.conllu \
  data/depparse/en_ewtgum.test.in.conllu
du -sh "$PACK"/*
