#include "tools/cli/command_table.h"

// The commands and flags of `crosswalk`. Keep one line a flag: the help, the parser and the
// completion script all read this table.
namespace crosswalk::cli {
namespace {

const std::vector<std::string> kTableFormats = {"table", "csv", "json"};
const std::vector<std::string> kReportFormats = {"table", "csv", "json", "md", "html", "xlsx", "oscal"};
const std::vector<std::string> kCsvEncodings = {"utf-8", "utf-8-bom", "cp932"};
const std::vector<std::string> kLangs = {"en", "ja"};
const std::vector<std::string> kTargets = {"iso20000-1:2018", "iso20000-1:2011"};
const std::vector<std::string> kEncodings = {"auto", "utf-8", "shift_jis", "windows-1252"};
const std::vector<std::string> kStatuses = {"covered", "partial", "candidate", "nonconforming", "not-covered"};

FlagDef FormatFlag() { return {"--format", "F", "output format (default table)", kTableFormats}; }
FlagDef CsvEncoding() {
  return {"--encoding", "E", "with --format csv: utf-8 (default), utf-8-bom (for Excel) or cp932", kCsvEncodings};
}
FlagDef Titles() {
  return {"--titles", "FILE",
          "Japanese titles you hold a licence for, CSV catalog,ref,title_ja: shown as title_ja and\n"
          "usable as refs (a gateway reads its own from its config titles: FILE, except for report)"};
}
FlagDef Out() { return {"--out", "FILE", "write to FILE instead of standard output"}; }
FlagDef From(bool required) { return {"--from", "ID", "the source catalog (id or alias)", {}, false, required}; }
FlagDef To(bool required) { return {"--to", "ID", "the target catalog (id or alias)", {}, false, required}; }
FlagDef MaxHops() { return {"--max-hops", "N", "at most N hops through other catalogs (1 to 10, default 5)"}; }
FlagDef By() { return {"--by", "NAME", "who states it (default: $USER; the history keeps it)"}; }
FlagDef Target() { return {"--target", "ID", "the 20000-1 edition (default iso20000-1:2018)", kTargets}; }
FlagDef Clause() { return {"--clause", "C", "a clause of ISO/IEC 20000-1, e.g. 8.6.1"}; }

}  // namespace

const std::vector<FlagDef>& GlobalFlags() {
  static const auto* flags = new std::vector<FlagDef>{
      {"--mappings", "DIR", "the mapping data (default: $CROSSWALK_MAPPINGS, else the installed or source-tree copy)"},
      {"--server", "ADDR", "the crosswalkd gateway HOST:PORT (default: $CROSSWALK_SERVER)"},
      {"--token-file", "F", "a file whose first line is the bearer token (default: $CROSSWALK_TOKEN)"},
      {"--tls-ca", "F", "PEM CA certificate: connect with TLS and check the server against it"},
      {"--wide", "", "tables show every cell in full, whatever the terminal width"},
  };
  return *flags;
}

const std::vector<CommandDef>& Commands() {
  static const auto* commands = new std::vector<CommandDef>{
      {"catalogs", "", "the catalogs: id,title,edition,aliases,items", {FormatFlag(), CsvEncoding()}},
      {"catalog", "ID", "one catalog's items: ref,parent,kind,title_en,title_ja", {FormatFlag(), CsvEncoding(), Titles()}},
      {"map", "[REF ...]",
       "mappings between two catalogs, over paths through other catalogs (default at most 5 rows a\n"
       "path): from_ref,to_ref,relationship,strength,derived,path,source,tier (sound; then\n"
       "candidate: a path the algebra cannot prove, for review, never coverage)",
       {From(true), To(true),
        {"--direct-only", "", "only rows stated between the two catalogs", {}, false, false, "path"},
        {"--best", "", "only the strongest row per ref", {}, false, false, "path"},
        {"--sound-only", "", "hide candidate rows"},
        MaxHops(), FormatFlag(), CsvEncoding(), Titles()}},
      {"gaps", "",
       "items of the target that the source does not fully cover: to_ref,status,note (unmapped,\n"
       "no-counterpart, partial, candidate; unmapped is not unrelated)",
       {From(true), To(true), MaxHops(), FormatFlag(), CsvEncoding(), Titles()}},
      {"terms", "[QUERY]", "the ITIL/JIS term table: term_en,jis_ja,itil_ja,differs", {FormatFlag(), CsvEncoding()}},
      {"presets", "", "the file column presets: preset,kind,description", {FormatFlag(), CsvEncoding()}},
      {"export", "",
       "(local) the rows stated between two catalogs as an OSCAL 1.2 mapping-collection or as\n"
       "crosswalk CSV",
       {From(true), To(true), {"--format", "F", "oscal or csv", {"oscal", "csv"}, false, true}, Out(), Titles()}},
      {"import", "FILE...",
       "without --preset (local): an OSCAL mapping-collection (.json) or CISO Assistant libraries\n"
       "(.yaml) as crosswalk CSV; exit 1 listing every problem, writing nothing.\n"
       "with --preset (gateway): push files into the gateway as ad-hoc sources\n"
       "(\"import:<file name>\") and sync them at once",
       {Out(),
        {"--skip-invalid", "", "(mapping files) write the valid rows and list the rest"},
        {"--preset", "PRESET", "(gateway) the column preset of the files (see `crosswalk presets`)"},
        {"--encoding", "E", "(gateway) the files' text encoding", kEncodings},
        {"--sheet", "S", "(gateway) the XLSX sheet to read"},
        {"--catalog", "ID", "(gateway) the catalog the files' refs belong to"},
        {"--timezone", "Z", "(gateway) the time zone of times the files write without one: an IANA\n"
                            "name (Asia/Tokyo) or a UTC offset (+09:00); dates without a time stay as written"},
        {"--columns", "role=Header;...", "(gateway) which column gives which role"},
        {"--dry-run", "", "(gateway) show how the files would be read (column roles, first records,\n"
                          "kinds, unknown values, notes, errors) and store nothing; exit as import would"},
        {"--limit", "N", "(--dry-run) show the first N records (1 to 100, default 5)"},
        FormatFlag()}},
      {"validate", "", "check all mapping data; exit 1 listing file:line:column errors", {}},
      {"sources", "[show NAME | test NAME | add NAME | remove NAME | preview NAME]",
       "(gateway) the sources: name,type,preset,records,versions,last_outcome,last_finished,schedule;\n"
       "show NAME: one source's fields and every option of its type (secrets redacted);\n"
       "test NAME (sync role): one request to the source, then a verdict: configured, reachable,\n"
       "authenticated, permitted, records visible (exit 0 when it may be read, else 1);\n"
       "add NAME --type T --set KEY=VALUE… (admin): add a source to the running gateway, kept\n"
       "across restarts (secrets as --set token_file=FILE in the server's secrets_dir or\n"
       "--set token_env=CROSSWALK_SECRET_…, never inline);\n"
       "remove NAME (admin): remove a source or an import and everything stored of it in one\n"
       "transaction; preview NAME: read it as a sync would and show the column roles, first\n"
       "records, kinds, unknown values, notes and errors, storing nothing (exit as sync)",
       {FormatFlag(), CsvEncoding(),
        {"--keep-records", "", "(remove) keep its records as source \"removed:NAME\""},
        {"--type", "T", "(add) the connector type", {"rt", "redmine", "servicenow", "jira", "glpi"}},
        {"--set", "KEY=VALUE", "(add) one of the type's keys (repeatable; `crosswalkd --source-types` lists them)", {}, true},
        {"--schedule", "EVERY", "(add) sync every 30s, 15m, 1h or 1d (default: on demand)"},
        {"--on-error", "POLICY", "(add) reject (default) or skip bad records", {"reject", "skip"}},
        {"--limit", "N", "(preview) show the first N records (1 to 100, default 5)"}}},
      {"sync", "SOURCE... | --all",
       "(gateway) run sources now (a progress bar on a terminal, otherwise a line every 5 seconds);\n"
       "exit 1 when a run failed, 3 when one read or stored nothing",
       {{"--all", "", "every configured source"},
        {"--full", "", "re-read each source from its start, whatever its cursor says"}}},
      {"records", "",
       "(gateway) stored records: kind,source,native_id,status,effective,priority,title,version;\n"
       "with --unmapped the values no rule knew: source,field,raw_value,count",
       {{"--kind", "K", "records of this kind only (mappings/rules/kinds.csv; an unknown kind names the nearest)"},
        {"--source", "S", "records of this source only (an unknown source names the nearest)"},
        Clause(),
        {"--limit", "N", "at most N records"},
        {"--unmapped", "", "the values no rule knew instead of the records"},
        {"--timezone", "ZONE", "IANA zone (Asia/Tokyo) the date-times are shown in (default: the\n"
                               "server's reports: timezone, else UTC); calendar dates stay as written"},
        FormatFlag(), CsvEncoding()}},
      {"report", "KIND",
       "(gateway) KIND: coverage, shared, gaps, quality, service, scope, all, or evidence (the\n"
       "auditor's evidence pack: --format html|md|json, optionally --clause C)",
       {Target(),
        {"--lang", "L", "language of the labels", kLangs},
        {"--format", "F", "output format (default table; html: the dashboard; xlsx: an Excel workbook,\n"
                          "needs --out or a redirect; oscal: assessment-results)", kReportFormats},
        {"--encoding", "E", "with --format csv: utf-8-bom by default with --lang ja, else utf-8; or cp932", kCsvEncodings},
        Titles(),
        Out(),
        {"--as-of", "YYYY-MM-DD", "report as of this day"},
        {"--timezone", "ZONE", "IANA zone (Asia/Tokyo) for months, report date and freshness\n"
                               "(default: the server's reports: timezone, else UTC)"},
        Clause()}},
      {"decisions", "add|list|remove ID|export|history|import FILE",
       "(gateway; writes need an admin token) confirm or reject a candidate mapping, or add a row;\n"
       "list them, remove one, export them as CSV or OSCAL, show every change, import a CSV or\n"
       "OSCAL file of decisions",
       {FormatFlag(), CsvEncoding(), Out(), {"--from", "ID", "the source catalog"}, {"--from-ref", "R", "the source ref"},
        {"--to", "ID", "the target catalog"}, {"--to-ref", "R", "the target ref"},
        {"--relationship", "REL", "the relationship of an added row"},
        {"--decision", "D", "what is decided", {"confirm", "reject", "add"}},
        By(), {"--reason", "TEXT", "why"}}},
      {"certifications", "add|list|remove|history",
       "(gateway; writes need an admin token) the organisation's certifications: configured ones\n"
       "(read-only) and added ones",
       {FormatFlag(), CsvEncoding(), {"--standard", "ID", "the certified standard"}, {"--certificate", "ID", "the certificate number"},
        {"--body", "NAME", "the certification body"}, {"--scope", "TEXT", "the certified scope"},
        {"--valid-until", "YYYY-MM-DD", "end of validity"}, {"--last-audit", "YYYY-MM-DD", "the last audit"},
        By()}},
      {"assess", "set CLAUSE|list|history CLAUSE",
       "(gateway) the coordinator's assessment of a clause; the flags given replace those values,\n"
       "an empty value clears one",
       {Target(), FormatFlag(), CsvEncoding(), {"--status", "S", "the assessed status", kStatuses},
        {"--maturity", "0-3", "the maturity level"}, {"--owner", "O", "who owns the clause"},
        {"--due", "YYYY-MM-DD", "when the action is due"}, {"--action", "TEXT", "the planned action"},
        {"--note", "TEXT", "a note"}, {"--evidence", "LINK", "an evidence link (repeatable)", {}, true}, By()}},
      {"sam", "installs|titles|position|explain|exceptions|refresh",
       "(gateway) software asset management. installs: what the inventory sources found, one row\n"
       "per product on a device however many tools saw it (devices sharing a UUID, serial or host\n"
       "name are one): device,publisher,product,version,edition,arch,class,raw_name,rule,evidence\n"
       "(rule: the one that named the product or excluded the entry; evidence: the number of\n"
       "inventory records; json lists them and every rule). titles: per class, publisher and\n"
       "product the installs and devices, most installed first, unrecognised titles and unmapped\n"
       "packages included: class,publisher,product,installs,devices. position: the effective\n"
       "licence position per product and metric, from the installs and the entitlement registers:\n"
       "publisher,product,metric,owned,consumed,position,shortfall,status,demands. explain: the\n"
       "consumption trail, one row per demand and entitlement considered, in consumption order:\n"
       "subject,publisher,product,metric,required,covered,basis,entitlement,consumed,why.\n"
       "exceptions: what the CMDB reconciliation and the registers show wrong:\n"
       "kind,subject,clause,detail,evidence. refresh (sync role): store today's position and\n"
       "exceptions as evidence records of source sam (done after every sync that changes them)",
       {{"--device", "D", "(installs, explain) one device: its host name, device id, serial or UUID; explain: or a user"},
        {"--class", "C", "(installs, titles) only this class", {"product", "unrecognised", "package", "excluded"}},
        {"--product", "P", "(position, explain) products whose name contains P"},
        {"--as-of", "YYYY-MM-DD", "(position, explain, exceptions) the day the position is for (default today)"},
        {"--kind", "K", "(exceptions) one kind of exception"},
        FormatFlag(), CsvEncoding()}},
      {"completion", "bash", "print a bash completion script: source <(crosswalk completion bash)", {}},
  };
  return *commands;
}

const CommandDef* FindCommand(const std::string& name) {
  for (const CommandDef& command : Commands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

}  // namespace crosswalk::cli
