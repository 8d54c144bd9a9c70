#!/bin/bash
# Starts a hermetic Redmine 5 (Debian's redmine on SQLite, WEBrick) on a free loopback port with
# its database and log in the scratch directory $1, Japanese default data (trackers バグ, 機能,
# サポート) plus the ITSM trackers 障害, 問い合わせ, 変更要求 (with バグ's workflow) and the issue
# custom fields 影響範囲 (a list) and 対象システム (a multi-valued list), the REST API on and a
# project "desk" with every tracker. Prints, one per line: url=,
# token_file= (the admin's API key), ready_path= and pid_file=. Debian's Redmine reads an
# instance's config from /usr/share/redmine/instances/NAME only, so one is made there (named in
# $1/instance); stop_server.sh $1 stops the server and removes it. Exit 3: the package is not
# installed (tools/setup installs it). Based on the verified recipe redmine-hermetic-setup.sh.
# Must run as root.
set -euo pipefail
D=${1:?usage: start_redmine.sh SCRATCH_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
R=/usr/share/redmine
if [ ! -f "$R/config.ru" ] || ! command -v rackup > /dev/null ||
   ! ruby -e 'require "webrick"; require "sqlite3"' 2>/dev/null; then
  echo "start_redmine.sh: Redmine is not installed (packages redmine redmine-sqlite ruby-webrick; run tools/setup)" >&2
  exit 3
fi
PORT=$("$here/free_port.sh")
INST="crosswalk-test-$$-$PORT"
mkdir -p "$R/instances/$INST/config" "$D"
echo "$INST" > "$D/instance"
cat > "$R/instances/$INST/config/database.yml" <<CFG
production:
  adapter: sqlite3
  database: $D/redmine.sqlite3
  encoding: utf8
CFG
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$R/instances/$INST/config/secret_key.txt"
# Bundler loads only gems the Gemfile names; Redmine evaluates Gemfile.local, and WEBrick is packaged.
grep -qs webrick "$R/Gemfile.local" || echo 'gem "webrick"' >> "$R/Gemfile.local"
export REDMINE_INSTANCE="$INST" RAILS_ENV=production
cd "$R"
rake db:migrate > "$D/migrate.log" 2>&1
REDMINE_LANG=ja rake redmine:load_default_data > "$D/data.log" 2>&1
( umask 077
  ruby bin/rails runner '
    Setting.rest_api_enabled = "1"
    # ITSM trackers as Japanese service desks name them, with the workflow of the first tracker.
    first = Tracker.order(:position).first
    %w[障害 問い合わせ 変更要求].each do |name|
      tracker = Tracker.create!(name: name, default_status: IssueStatus.order(:position).first)
      tracker.copy_workflow_rules(first)
    end
    IssueCustomField.create!(name: "影響範囲", field_format: "list", possible_values: %w[全社 部門 個人],
                             is_for_all: true, tracker_ids: Tracker.pluck(:id))
    IssueCustomField.create!(name: "対象システム", field_format: "list", multiple: true,
                             possible_values: %w[メール VPN 基幹], is_for_all: true, tracker_ids: Tracker.pluck(:id))
    Project.create!(name: "サービスデスク", identifier: "desk", tracker_ids: Tracker.pluck(:id))
    puts User.find_by_login("admin").api_key' 2> "$D/runner.log" | tail -1 > "$D/api-key.txt" )
[ -s "$D/api-key.txt" ] || { echo "start_redmine.sh: no API key (see $D/runner.log)" >&2; exit 1; }
setsid rackup -s webrick -o 127.0.0.1 -p "$PORT" -E production config.ru \
  > "$D/server.log" 2>&1 < /dev/null &
echo $! > "$D/server.pid"
. "$here/announce_server.sh"
announce_server "$D" "$PORT" "$D/api-key.txt" "/issues.json"
