#!/usr/bin/env bash
# Train several models at once on one lent GPU machine, each for a fixed wall-clock time,
# and return the best-on-dev models (tagger, parser, NER as float16) in OUTDIR.
#
#   JOBS="pos_minilm depparse_minilm tok1 tok2" bash training/gpu_train.sh SECONDS OUTDIR
#
# Needs build/gpu/ from training/gpu_pack.sh (stanza and its pure-Python dependencies, the
# prepared data, the MiniLM word vectors). OUTDIR gets models.tar split in 15 MB parts (the
# machine returns at most 8 files of 16 MiB, 64 MiB in all) and logs.tgz.
#
# Jobs (each in its own process, TRAIN_THREADS cores each):
#   pos / depparse / ner   the first release's GPU jobs (INIT=1: continue the shipped models)
#   pos_more               the shipped tagger continued with Adam at lr 1e-3 (as `train.sh pos_more`)
#   pos_minilm             the shipped tagger's sizes from scratch on the MiniLM word vectors
#   depparse_minilm        the shipped parser's sizes from scratch on the MiniLM word vectors
#   tokN                   the shipped tokenizer's recipe with seed N
#
# Measured on an H200 (16 cores) with six jobs at once, 440 s: GPU 96-98 % busy, yet only
# 1,564 tagger, 2,000 parser and 2,500 NER steps, because each dev evaluation (CPU-bound
# scoring) took ~30 s while six processes shared the cores. Hence rarer dev evaluations.
# Eleventh session, H200, nine jobs at once for 400 s (pos_minilm pos_more depparse_minilm
# tok1-tok6, one thread each): GPU 94-95 % busy, but the tokenizers made ~3,000 steps
# (16,000 wanted), the taggers 1,000, the parser 900: run two or three jobs at a time.
set -uo pipefail
ROOT=$PWD
SECS=${1:-420}
OUT=${2:-$ROOT/build/gpu_out}
JOBS=${JOBS:-"pos depparse ner"}
mkdir -p "$OUT"
W=/tmp/gpu_train
rm -rf $W && mkdir -p $W/logs && cd $W
tar xJf "$ROOT/build/gpu/site.txz" && tar xJf "$ROOT/build/gpu/data.txz"
export PYTHONPATH=$W/site${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1
export UDBASE=$W/ud DATA_ROOT=$W/data TRAIN_THREADS=${TRAIN_THREADS:-2} OMP_NUM_THREADS=${TRAIN_THREADS:-2}
M=$ROOT/data/models/en-compact
P=$M/pretrain.pt
# the MiniLM vectors are stored as float16 (make_ner_vectors.py); stanza's NER model reads
# them so, but the tagger's and parser's embeddings need float32
V=$W/minilm_pretrain.pt
[ -f "$ROOT/build/gpu/minilm_pretrain.pt" ] && python3 -c "
import sys, torch
d = torch.load(sys.argv[1], weights_only=True)
torch.save({**d, 'emb': d['emb'].float()}, sys.argv[2])" "$ROOT/build/gpu/minilm_pretrain.pt" $V
RUN="timeout -s INT $((SECS + 100)) python3 $ROOT/training/stz_run.py"
nvidia-smi -L
python3 -c "import torch, stanza; print('torch', torch.__version__, 'stanza', stanza.__version__, 'cuda', torch.cuda.is_available())"

LARGE_TAGGER="--hidden_dim 256 --char_hidden_dim 256 --deep_biaff_hidden_dim 256 --composite_deep_biaff_hidden_dim 100 --batch_size 250"
COMPACT_PARSER="--hidden_dim 200 --char_hidden_dim 100 --deep_biaff_hidden_dim 100 --num_layers 2"
TIMED="env TRAIN_SECONDS=$SECS"

job() {
  case $1 in
    pos)
      if [ "${INIT:-0}" = 1 ]; then local init="TAGGER_INIT_FROM=$M/pos.pt"; else local init=""; fi
      $TIMED $init $RUN stanza.utils.training.run_pos UD_English-EWT --force --no_charlm --wordvec_pretrain_file $P \
        $LARGE_TAGGER --eval_interval 1000 --fix_eval_interval --save_dir sm/pos ;;
    pos_more)
      $TIMED TAGGER_INIT_FROM=$M/pos.pt $RUN stanza.utils.training.run_pos UD_English-EWT --force --no_charlm --wordvec_pretrain_file $P \
        $LARGE_TAGGER --lr 1e-3 --max_steps 1000000 --eval_interval 200 --fix_eval_interval --save_dir sm/pos_more ;;
    pos_minilm)
      $TIMED $RUN stanza.utils.training.run_pos UD_English-EWT --force --no_charlm --wordvec_pretrain_file $V \
        $LARGE_TAGGER --eval_interval 500 --fix_eval_interval --save_dir sm/pos_minilm ;;
    depparse)
      if [ "${INIT:-0}" = 1 ]; then
        $TIMED PARSER_VOCAB_FROM=$M/depparse.pt $RUN stanza.utils.training.run_depparse UD_English-EWTGUM --force --no_charlm \
          --wordvec_pretrain_file $P $COMPACT_PARSER --continue_from $M/depparse.pt --second_optim_start_step 1000000 \
          --eval_interval 1000 --save_dir sm/depparse
      else
        $TIMED SECOND_OPTIM_SECONDS=$((SECS * 55 / 100)) $RUN stanza.utils.training.run_depparse UD_English-EWTGUM --force \
          --no_charlm --wordvec_pretrain_file $P --hidden_dim 300 --char_hidden_dim 200 --deep_biaff_hidden_dim 200 \
          --num_layers 3 --eval_interval 1000 --save_dir sm/depparse
      fi ;;
    depparse_minilm)
      $TIMED SECOND_OPTIM_SECONDS=$((SECS * 55 / 100)) $RUN stanza.utils.training.run_depparse UD_English-EWTGUM --force \
        --no_charlm --wordvec_pretrain_file $V $COMPACT_PARSER --eval_interval 300 --save_dir sm/depparse_minilm ;;
    ner)
      if [ "${INIT:-0}" = 1 ]; then local ner="--hidden_dim 128 --finetune --finetune_load_name $M/ner.pt"; else local ner="--hidden_dim 256"; fi
      $TIMED $RUN stanza.utils.training.run_ner en_gum --force --no_charlm --wordvec_pretrain_file $P \
        $ner --eval_interval 2000 --save_dir sm/ner ;;
    tok*)
      # the tokenizer has no time limit of its own; it saves its best model at each dev
      # evaluation, so stopping it at the deadline keeps the best so far
      timeout -s INT $SECS python3 $ROOT/training/stz_run.py stanza.utils.training.run_tokenizer UD_English-EWTGUM --force \
        --no_charlm --steps 16000 --eval_steps 1000 --seed ${1#tok} --save_dir sm/$1 ;;
    *) echo "unknown job $1" >&2; return 2 ;;
  esac
}

pids=()
for j in $JOBS; do
  job $j > logs/$j.log 2>&1 &
  pids+=($!)
done
( while sleep 60; do nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader; done ) &
MON=$!
wait "${pids[@]}"
kill $MON 2>/dev/null

# float16 copies of the best taggers, parsers and NER models (as install_models.py's
# save_half stores them); tokenizers are small and stay as they are.
mkdir -p models
python3 - <<'PY'
import glob, os, shutil
import torch
for path in glob.glob("sm/*/*.pt"):
    if "checkpoint" in path:
        continue
    dest = os.path.join("models", path.split("/")[1] + "__" + os.path.basename(path))
    if "/tok" in path:
        shutil.copy(path, dest)
    else:
        ckpt = torch.load(path, map_location="cpu", weights_only=True)
        ckpt["model"] = {k: v.half() if torch.is_floating_point(v) else v for k, v in ckpt["model"].items()}
        torch.save(ckpt, dest, _use_new_zipfile_serialization=False)
    print(dest, os.path.getsize(dest))
PY
tar czf "$OUT/logs.tgz" logs
tar cf - models | split -b 15m - "$OUT/models.tar.part-"
ls -la "$OUT"
