#!/bin/bash
# Starts a hermetic Request Tracker 5 (Debian's request-tracker5 on SQLite) on a free loopback port
# with everything in the scratch directory $1: its config, database, log and an API token for
# root. Prints, one per line: url=, token_file=, ready_path= (answers once the server is up) and
# pid_file=. The server runs in its own process group; stop_server.sh $1 stops it.
# Exit 3: the package is not installed (tools/setup installs it). Based on the verified recipe
# in DESIGN's reference notes (rt5-hermetic-setup.sh). Must run as root or a user that can read
# /usr/share/request-tracker5.
set -euo pipefail
D=${1:?usage: start_rt.sh SCRATCH_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ ! -x /usr/sbin/rt-setup-database-5 ] || [ ! -x /usr/share/request-tracker5/libexec/rt-server ] ||
   ! perl -MDBD::SQLite -MStarlet -e1 2>/dev/null; then
  echo "start_rt.sh: Request Tracker 5 is not installed (packages request-tracker5 rt5-db-sqlite rt5-standalone; run tools/setup)" >&2
  exit 3
fi
PORT=$("$here/free_port.sh")
mkdir -p "$D/conf.d"
cat > "$D/RT_SiteConfig.pm" <<CFG
Set(\$rtname, 'rt.test');
Set(\$Organization, 'test.local');
Set(\$Timezone, 'UTC');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$D/rt.db');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $PORT);
Set(\$WebPath, '');
Set(\$WebBaseURL, 'http://127.0.0.1:$PORT');
Set(\$LogToSyslog, undef);
Set(\$LogToFile, undef);
Set(\$LogToSTDERR, 'warning');
Set(\$MailCommand, 'testfile');
1;
CFG
head -c 18 /dev/urandom | base64 > "$D/root-pw.txt"
chmod 600 "$D/root-pw.txt"
# RT_SITE_CONFIG / RT_SITE_CONFIG_DIR make RT ignore /etc/request-tracker5 (RT::Config::LoadConfig).
export RT_SITE_CONFIG="$D/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$D/conf.d"
rm -f "$D/rt.db"
/usr/sbin/rt-setup-database-5 --action init --root-password-file "$D/root-pw.txt" > "$D/setup.log" 2>&1
# An API token for root (RT::Authen::Token is part of RT 5).
( umask 077
  perl -I/usr/share/request-tracker5/lib -e '
    use RT -init;
    my $u = RT::User->new(RT->SystemUser); $u->Load("root") or die "no root user\n";
    my ($id, $msg, $auth) = RT::AuthToken->new(RT::CurrentUser->new($u))->Create(Owner => $u->Id, Description => "crosswalk tests");
    die "$msg\n" unless $id; print "$auth\n";' 2> "$D/token.log" > "$D/token.txt" )
[ -s "$D/token.txt" ] || { echo "start_rt.sh: could not create a token (see $D/token.log)" >&2; exit 1; }
# SIGTERM, not SIGINT: rt-server's INT handler chowns /var/lib/request-tracker5.
setsid /usr/share/request-tracker5/libexec/rt-server --port "$PORT" --host 127.0.0.1 \
  > "$D/server.log" 2>&1 < /dev/null &
echo $! > "$D/server.pid"
. "$here/announce_server.sh"
announce_server "$D" "$PORT" "$D/token.txt" "/REST/2.0/rt"
