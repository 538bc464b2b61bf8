#!/usr/bin/env bash
# One-command deploy to your AWS account: CloudFormation stack (deploy/cloudfront.yaml) → release
# build → upload with per-file Cache-Control and Content-Type (hashed assets first, index.html
# last) → CloudFront invalidation of index.html.
#
#   scripts/deploy.sh --stack emr-console [--sub-path tools/emr] [--region us-east-1] [--dry-run] [--skip-build]
#
# --dry-run prints every command instead of running it and needs neither the AWS CLI nor credentials.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

stack="" sub_path="" region="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}" dry_run=0 build=1
usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while (($#)); do
  case "$1" in
    --stack) stack="${2:?--stack needs a name}"; shift 2 ;;
    --sub-path) sub_path="${2:?--sub-path needs a value}"; shift 2 ;;
    --region) region="${2:?--region needs a value}"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    --skip-build) build=0; shift ;;
    -h|--help) usage 0 ;;
    *) echo "deploy: unknown option $1" >&2; usage 2 >&2 ;;
  esac
done
[ -n "$stack" ] || { echo "deploy: --stack NAME is required (the CloudFormation stack to create or update)" >&2; exit 2; }
sub_path="${sub_path#/}"; sub_path="${sub_path%/}"
prefix="${sub_path:+$sub_path/}"

# Prints a command the way one would type it (single quotes where needed).
show() {
  local out="+" a
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./:=@%+-]+$ ]]; then out+=" $a"; else out+=" '${a//\'/\'\\\'\'}'"; fi
  done
  printf '%s\n' "$out"
}
run() {
  if ((dry_run)); then show "$@"; else "$@"; fi
}

if ((!dry_run)); then
  command -v aws >/dev/null || {
    echo "deploy: the AWS CLI (aws) is not installed. Install AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html), or use --dry-run to see the steps." >&2
    exit 3
  }
  aws sts get-caller-identity --region "$region" >/dev/null 2>&1 || {
    echo "deploy: the AWS CLI has no usable credentials. Run 'aws configure', 'aws sso login' or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, then retry." >&2
    exit 3
  }
fi

echo "deploy: stack $stack in $region${sub_path:+, served under /$sub_path/}"
run aws cloudformation deploy --region "$region" --stack-name "$stack" --template-file deploy/cloudfront.yaml --no-fail-on-empty-changeset

if ((dry_run)); then
  bucket="<BucketName of $stack>" distribution="<DistributionId of $stack>"
else
  output() { aws cloudformation describe-stacks --region "$region" --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
  bucket=$(output BucketName)
  distribution=$(output DistributionId)
fi

if ((build)); then
  run trunk build --release --offline
fi
[ -f dist/index.html ] || { echo "deploy: dist/index.html is missing; build first (trunk build --release)" >&2; exit 1; }

headers=$(node -e 'const h=require("./deploy/headers.json");console.log(h.cache_control.hashed_assets+"\n"+h.cache_control.index_html)')
immutable=$(sed -n 1p <<<"$headers") no_cache=$(sed -n 2p <<<"$headers")
content_type() {
  case "$1" in
    *.wasm) echo application/wasm ;;
    *.js) echo "text/javascript; charset=utf-8" ;;
    *.css) echo "text/css; charset=utf-8" ;;
    *.html) echo "text/html; charset=utf-8" ;;
    *.svg) echo image/svg+xml ;;
    *.json) echo application/json ;;
    *) echo application/octet-stream ;;
  esac
}

# Hashed assets first, so a new index.html never points at files that are not there yet. Old
# assets stay: a browser that loaded the previous index.html can still fetch them.
for f in dist/*; do
  name=$(basename "$f")
  [ "$name" = index.html ] && continue
  run aws s3 cp "$f" "s3://$bucket/$prefix$name" --region "$region" --cache-control "$immutable" --content-type "$(content_type "$name")" --only-show-errors
done
run aws s3 cp dist/index.html "s3://$bucket/${prefix}index.html" --region "$region" --cache-control "$no_cache" --content-type "$(content_type index.html)" --only-show-errors
run aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/${prefix}" "/${prefix}index.html"

if ((dry_run)); then
  echo "deploy: dry run, nothing was changed"
else
  url=$(aws cloudformation describe-stacks --region "$region" --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='Url'].OutputValue" --output text)
  echo "deploy: done: ${url}${prefix}"
fi
