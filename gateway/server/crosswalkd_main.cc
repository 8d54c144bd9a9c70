// crosswalkd: the crosswalk gateway (README "The gateway").

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "connectors/connector.h"
#include "connectors/source_types_doc.h"
#include "gateway/core/data_dir.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/normalize/value_rules_doc.h"
#include "gateway/server/auth.h"
#include "gateway/server/config.h"
#include "gateway/server/connector_types.h"
#include "gateway/server/gateway.h"
#include "gateway/server/path_redactor.h"
#include "gateway/server/reflection_service.h"
#include "gateway/server/services.h"
#include "gateway/store/postgres/pg_connection.h"
#include "gateway/store/postgres/store_migration.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"

namespace {

constexpr char kUsage[] = R"(usage: crosswalkd [--config FILE] [--listen HOST:PORT] [--store PATH|URL] [--data-dir DIR] [--insecure]

Serves the crosswalk.v1 API (Sources, Sync, Records, Mapping, Reports, Sam; gRPC health and reflection).

  --config FILE      the YAML configuration (README "Configuration"); without it: defaults
  --listen HOST:PORT overrides `listen` (default 127.0.0.1:50051; port 0 picks a free port)
  --store PATH|URL   overrides `store`: the SQLite file, or a PostgreSQL database
                     postgresql://USER@HOST:PORT/DB (password from PGPASSWORD, PGPASSFILE or
                     the config's store_password_file; never in the URL)
  --data-dir DIR     overrides `data_dir` (imports and added sources; required with PostgreSQL)
  --insecure         allow a non-loopback listener without TLS and tokens
  --source-types     print every source type and its config keys (Markdown) and exit
  --value-rules      print how every source system's kinds, statuses and priorities become the
                     20000-1 vocabulary (Markdown, from mappings/rules/) and exit
  --help             this text

crosswalkd migrate --from FILE.db --to postgresql://USER@HOST:PORT/DB [--password-file FILE]
  copies a SQLite store into an empty PostgreSQL database (docs/store.md "Migration"): every
  record, version, link, unmapped value, cursor, run and organisation statement, ids kept, in one
  transaction committed only when every table's row count and SHA-256 read back from PostgreSQL
  equal the file's. Stop the gateway using the file first.

Prints "crosswalkd: listening on HOST:PORT" once it serves. SIGINT or SIGTERM stop it: syncs are
cancelled (they resume at the next start) and calls still running after limits.shutdown_seconds
(default 10) are cancelled; a second signal exits at once.
)";

std::string ReadFile(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  *ok = static_cast<bool>(in);
  return buffer.str();
}

// `crosswalkd migrate …`: see kUsage.
int Migrate(int argc, char** argv) {
  std::string from, to, password_file;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) {
      std::cerr << "crosswalkd migrate: " << arg << " needs a value\n\n" << kUsage;
      return 2;
    }
    if (arg == "--from") from = argv[++i];
    else if (arg == "--to") to = argv[++i];
    else if (arg == "--password-file") password_file = argv[++i];
    else {
      std::cerr << "crosswalkd migrate: unknown argument '" << arg << "'\n\n" << kUsage;
      return 2;
    }
  }
  if (from.empty() || !crosswalk::IsPostgresUrl(to)) {
    std::cerr << "crosswalkd migrate: needs --from FILE.db and --to postgresql://USER@HOST:PORT/DB\n\n" << kUsage;
    return 2;
  }
  if (!std::filesystem::is_regular_file(from)) {
    std::cerr << "crosswalkd migrate: " << from << ": no such store file\n";
    return 1;
  }
  auto tables = crosswalk::MigrateSqliteToPostgres(from, {to, password_file});
  if (!tables.ok()) {
    std::cerr << "crosswalkd migrate: " << tables.status().message() << "\n";
    return 1;
  }
  int64_t rows = 0;
  for (const crosswalk::TableMigration& table : *tables) {
    std::cout << table.table << ": " << table.rows << " rows, SHA-256 " << table.sha256 << " verified\n";
    rows += table.rows;
  }
  std::cout << "crosswalkd migrate: " << from << " -> " << crosswalk::RedactedPostgresUrl(to) << ": " << rows
            << " rows in " << tables->size() << " tables copied and verified\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "migrate") return Migrate(argc, argv);
  std::string config_path, listen, store, data_dir;
  bool insecure = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* flag) -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "crosswalkd: " << flag << " needs a value\n\n" << kUsage;
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--config") config_path = value("--config");
    else if (arg == "--listen") listen = value("--listen");
    else if (arg == "--store") store = value("--store");
    else if (arg == "--data-dir") data_dir = value("--data-dir");
    else if (arg == "--insecure") insecure = true;
    else if (arg == "--source-types") {
      const std::string mappings = crosswalk::DefaultMappingsDir();
      auto presets = crosswalk::files::PresetSet::Load(mappings);
      if (!presets.ok()) {
        std::cerr << "crosswalkd: " << presets.status().message() << "\n";
        return 1;
      }
      crosswalk::ConnectorRegistry registry;
      crosswalk::server::RegisterConnectorTypes(presets->get(), &registry);
      std::cout << crosswalk::SourceTypesMarkdown(registry);
      return 0;
    } else if (arg == "--value-rules") {
      auto rules = crosswalk::RuleSet::Load(crosswalk::DefaultMappingsDir());
      if (!rules.ok()) {
        std::cerr << "crosswalkd: " << rules.status().message() << "\n";
        return 1;
      }
      std::cout << crosswalk::ValueRulesMarkdown(**rules);
      return 0;
    } else if (arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else {
      std::cerr << "crosswalkd: unknown argument '" << arg << "'\n\n" << kUsage;
      return 2;
    }
  }

  crosswalk::server::GatewayConfig config;
  if (!config_path.empty()) {
    auto loaded = crosswalk::server::LoadGatewayConfig(config_path);
    if (!loaded.ok()) {
      std::cerr << "crosswalkd: " << loaded.status().message() << "\n";
      return 1;
    }
    config = std::move(*loaded);
  } else {
    config.store = "crosswalk.db";
  }
  if (!listen.empty()) config.listen = listen;
  if (!store.empty()) config.store = store;
  if (!data_dir.empty()) config.data_dir = data_dir;

  const bool tls = !config.tls_cert.empty();
  const bool loopback = crosswalk::server::IsLoopbackAddress(config.listen);
  if (!loopback && !(tls && !config.tokens.empty()) && !insecure) {
    std::cerr << "crosswalkd: refusing to listen on " << config.listen
              << " without TLS and tokens (configure tls and tokens, listen on 127.0.0.1, or pass "
                 "--insecure)\n";
    return 1;
  }

  // Signals are taken by one thread with sigwait, so every other thread runs with them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const std::string mappings = config.mappings.empty() ? crosswalk::DefaultMappingsDir() : config.mappings;
  auto gateway = crosswalk::server::Gateway::Create(config, mappings, crosswalk::SystemClock());
  if (!gateway.ok()) {
    std::cerr << "crosswalkd: " << gateway.status().message() << "\n";
    return 1;
  }
  for (const std::string& warning : (*gateway)->warnings()) std::cerr << "crosswalkd: warning: " << warning << "\n";
  const crosswalk::server::Authorizer auth(config.tokens, insecure);
  // Clients see these directories only as placeholders (README "Security"); the config's wins
  // when the store is in the same directory.
  auto absolute_dir = [](const std::string& path) {
    return std::filesystem::absolute(path).lexically_normal().parent_path().string();
  };
  crosswalk::server::SetClientRedactor(crosswalk::server::PathRedactor(
      {{config_path.empty() ? "" : absolute_dir(config_path), "<config>"},
       {crosswalk::IsPostgresUrl(config.store) ? absolute_dir(config.data_dir + "/imports") : absolute_dir(config.store), "<store>"},
       {std::filesystem::absolute(mappings).lexically_normal().string(), "<mappings>"}}));

  std::shared_ptr<grpc::ServerCredentials> credentials;
  if (tls) {
    bool cert_ok = false, key_ok = false;
    grpc::SslServerCredentialsOptions options;
    options.pem_key_cert_pairs.push_back({ReadFile(config.tls_key, &key_ok), ReadFile(config.tls_cert, &cert_ok)});
    if (!cert_ok || !key_ok) {
      std::cerr << "crosswalkd: cannot read the TLS certificate or key (" << config.tls_cert << ", "
                << config.tls_key << ")\n";
      return 1;
    }
    credentials = grpc::SslServerCredentials(options);
  } else {
    credentials = grpc::InsecureServerCredentials();
  }

  grpc::EnableDefaultHealthCheckService(true);
  std::vector<std::unique_ptr<grpc::Service>> services;
  services.push_back(crosswalk::server::NewSourcesService(gateway->get(), &auth));
  services.push_back(crosswalk::server::NewSyncService(gateway->get(), &auth));
  services.push_back(crosswalk::server::NewRecordsService(gateway->get(), &auth));
  services.push_back(crosswalk::server::NewMappingService(gateway->get(), &auth));
  services.push_back(crosswalk::server::NewReportsService(gateway->get(), &auth, crosswalk::SystemClock()));
  services.push_back(crosswalk::server::NewDecisionsService(gateway->get(), &auth));
  services.push_back(crosswalk::server::NewCertificationsService(gateway->get(), &auth));
  services.push_back(crosswalk::server::NewAssessmentsService(gateway->get(), &auth));
  services.push_back(crosswalk::server::NewSamService(gateway->get(), &auth));
  // The names every health check by service answers SERVING for, and reflection lists.
  std::vector<std::string> served = crosswalk::server::ServedServiceNames();
  served.push_back("grpc.health.v1.Health");
  if (config.reflection != "off") {
    served.push_back(crosswalk::server::kReflectionV1);
    served.push_back(crosswalk::server::kReflectionV1Alpha);
    const crosswalk::server::ReflectionOptions reflection{served, config.reflection == "open" ? nullptr : &auth};
    services.push_back(crosswalk::server::NewReflectionV1Service(reflection));
    services.push_back(crosswalk::server::NewReflectionV1AlphaService(reflection));
  }
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen, credentials, &port);
  builder.SetMaxReceiveMessageSize(static_cast<int>(config.max_message_bytes));
  builder.SetMaxSendMessageSize(static_cast<int>(config.max_message_bytes));
  for (const auto& service : services) builder.RegisterService(service.get());
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "crosswalkd: cannot listen on " << config.listen << "\n";
    return 1;
  }
  for (const std::string& name : served) server->GetHealthCheckService()->SetServingStatus(name, true);
  const std::string host = config.listen.substr(0, config.listen.rfind(':'));
  if (config.tokens.empty()) {
    std::cerr << "crosswalkd: no tokens configured: "
              << (insecure ? "--insecure: serving every peer without authentication"
                           : "serving loopback connections only")
              << "\n";
  } else {
    std::cerr << "crosswalkd: " << config.tokens.size() << " token(s) configured; every call needs one\n";
  }
  std::cerr << "crosswalkd: store "
            << (crosswalk::IsPostgresUrl(config.store) ? crosswalk::RedactedPostgresUrl(config.store) : config.store) << (tls ? "; TLS on" : "; TLS off") << "; "
            << (*gateway)->Sources().size() << " source(s); mappings " << mappings << "\n";
  std::cout << "crosswalkd: listening on " << host << ":" << port << std::endl;

  // On SIGINT or SIGTERM: running syncs are cancelled (they are crash-safe and resume at the next
  // start), new calls refused, and calls still running after limits.shutdown_seconds (an import
  // stream a client keeps open, a long report) are cancelled. A second signal ends the process at
  // once.
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    std::cerr << "crosswalkd: signal " << signal << ", stopping (running calls get " << config.shutdown_seconds
              << " s)\n";
    std::thread second([&] {
      int again = 0;
      sigwait(&signals, &again);
      std::cerr << "crosswalkd: second signal " << again << ", exiting now\n";
      std::_Exit(1);
    });
    second.detach();
    (*gateway)->Stop();
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(config.shutdown_seconds));
  });
  (*gateway)->StartScheduler();
  server->Wait();
  waiter.join();
  return 0;
}
