#include "gateway/server/source_shelf.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/core/durable_file.h"
#include "nlohmann/json.hpp"

namespace crosswalk::server {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

absl::Status Unreadable(const std::string& path, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(
      path, ": the sources added through the API cannot be read (", why,
      "); crosswalkd does not start without them: repair the file or move it aside"));
}

absl::StatusOr<SourceDefinition> ParseEntry(const json& entry, size_t index, const std::string& path) {
  const std::string where = absl::StrCat("sources[", index, "]");
  if (!entry.is_object()) return Unreadable(path, absl::StrCat(where, " is not an object"));
  SourceDefinition source;
  source.added = true;
  for (const char* member : {"name", "type", "schedule", "on_error"}) {
    auto it = entry.find(member);
    if (it == entry.end() || !it->is_string()) {
      return Unreadable(path, absl::StrCat(where, ".", member, " is missing or not text"));
    }
  }
  source.config.name = entry["name"].get<std::string>();
  source.config.type = entry["type"].get<std::string>();
  source.schedule = entry["schedule"].get<std::string>();
  source.on_error = entry["on_error"].get<std::string>();
  auto options = entry.find("options");
  if (options == entry.end() || !options->is_object()) {
    return Unreadable(path, absl::StrCat(where, ".options is missing or not an object"));
  }
  for (const auto& [key, value] : options->items()) {
    if (!value.is_string()) return Unreadable(path, absl::StrCat(where, ".options.", key, " is not text"));
    source.config.options[key] = value.get<std::string>();
  }
  source.position = absl::StrCat(path, " ", where);
  return source;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SourceShelf>> SourceShelf::Open(const std::string& path) {
  std::unique_ptr<SourceShelf> shelf(new SourceShelf(path));
  std::ifstream in(path, std::ios::binary);
  if (!in) return shelf;  // nothing added yet
  std::stringstream text;
  text << in.rdbuf();
  const json parsed = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return Unreadable(path, "not a JSON object");
  auto version = parsed.find("version");
  if (version == parsed.end() || !version->is_number_integer() || version->get<int>() != kFormatVersion) {
    return Unreadable(path, absl::StrCat("version is not ", kFormatVersion));
  }
  auto sources = parsed.find("sources");
  if (sources == parsed.end() || !sources->is_array()) return Unreadable(path, "sources is not a list");
  for (size_t i = 0; i < sources->size(); ++i) {
    absl::StatusOr<SourceDefinition> source = ParseEntry((*sources)[i], i, path);
    if (!source.ok()) return source.status();
    shelf->sources_.push_back(*std::move(source));
  }
  return shelf;
}

std::vector<SourceDefinition> SourceShelf::Entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sources_;
}

absl::Status SourceShelf::Write(const std::vector<SourceDefinition>& sources) const {
  json out = {{"version", kFormatVersion}, {"sources", json::array()}};
  for (const SourceDefinition& source : sources) {
    out["sources"].push_back({{"name", source.config.name},
                              {"type", source.config.type},
                              {"schedule", source.schedule},
                              {"on_error", source.on_error},
                              {"options", source.config.options}});
  }
  return ReplaceFileDurably(path_, out.dump(2) + "\n", "the added sources file");
}

absl::Status SourceShelf::Add(SourceDefinition source) {
  std::lock_guard<std::mutex> lock(mutex_);
  const bool kept = std::any_of(sources_.begin(), sources_.end(), [&](const SourceDefinition& s) {
    return s.config.name == source.config.name;
  });
  if (kept) return absl::AlreadyExistsError(absl::StrCat("a source named '", source.config.name, "' was added already"));
  source.added = true;
  source.adhoc = false;
  source.position = absl::StrCat(path_, " sources[", sources_.size(), "]");
  source.key_positions.clear();
  std::vector<SourceDefinition> next = sources_;
  next.push_back(std::move(source));
  if (absl::Status written = Write(next); !written.ok()) return written;
  sources_ = std::move(next);
  return absl::OkStatus();
}

absl::Status SourceShelf::Remove(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SourceDefinition> next;
  for (const SourceDefinition& source : sources_) {
    if (source.config.name != name) next.push_back(source);
  }
  if (next.size() == sources_.size()) return absl::NotFoundError(absl::StrCat("no source named '", name, "' was added"));
  if (absl::Status written = Write(next); !written.ok()) return written;
  sources_ = std::move(next);
  return absl::OkStatus();
}

}  // namespace crosswalk::server
