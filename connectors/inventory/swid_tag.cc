#include "connectors/inventory/swid_tag.h"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "connectors/inventory/xml_events.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::inventory {
namespace {

// The SoftwareIdentity schema: 2015 as published (the XSD served there declares 2014-DIS), the
// real 2015 XSD's namespace, and 2014-DIS, which shipping products still use.
constexpr std::array<absl::string_view, 3> kIdentityNamespaces = {
    "http://standards.iso.org/iso/19770/-2/2015/schema.xsd",
    "http://standards.iso.org/iso/19770/-2/2015-current/schema.xsd",
    "http://standards.iso.org/iso/19770/-2/2014-DIS/schema.xsd",
};
// The element-based software_identification_tag schema (older Adobe and Flexera tags).
constexpr std::array<absl::string_view, 2> kElementNamespaces = {
    "http://standards.iso.org/iso/19770/-2/2009/schema.xsd",
    "http://standards.iso.org/iso/19770/-2/2008/schema.xsd",
};

// Keys of `extra` are built from names in the file; each part is cut to this many bytes so that a
// key stays small whatever the input.
constexpr size_t kKeyPart = 64;
// Levels below the root spelled out in an element-based key; deeper ones are shown as "…".
constexpr size_t kKeyDepth = 4;
// Distinct element counts kept ("Payload/File"); elements past them are counted as "elements.other".
constexpr size_t kCountedKeys = 100;
// Roles of one Entity spelled out in extra (the standard names six); more keep the list as written.
constexpr size_t kEntityRoles = 8;

std::string KeyPart(absl::string_view part) { return std::string(part.substr(0, kKeyPart)); }

std::string Trimmed(absl::string_view value) { return std::string(absl::StripAsciiWhitespace(value)); }

// xs:boolean true.
bool IsTrue(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  return value == "true" || value == "1";
}

template <size_t N>
bool OneOf(const std::array<absl::string_view, N>& namespaces, absl::string_view ns) {
  for (absl::string_view known : namespaces) {
    if (known == ns) return true;
  }
  return false;
}

absl::Status PositionError(const std::string& file, int line, int column, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(file, ":", line, ":", column, ": ", what));
}

// How many elements no field maps there are, by key, in first-seen order.
class ElementCounts {
 public:
  void Add(std::string key) {
    auto found = index_.find(key);
    if (found != index_.end()) {
      ++counts_[found->second].second;
    } else if (counts_.size() < kCountedKeys) {
      index_.emplace(key, counts_.size());
      counts_.emplace_back(std::move(key), 1);
    } else {
      ++other_;
    }
  }

  void AppendTo(ExtraFields& extra) const {
    for (const auto& [key, count] : counts_) extra.emplace_back(key, absl::StrCat(count));
    if (other_ > 0) extra.emplace_back("elements.other", absl::StrCat(other_));
  }

 private:
  std::vector<std::pair<std::string, int64_t>> counts_;
  absl::flat_hash_map<std::string, size_t> index_;
  int64_t other_ = 0;
};

// One schema's reading of a tag, fed by ParseSwidTag's handlers: the one software it describes.
class TagReader {
 public:
  explicit TagReader(const std::string& file) : file_(file) {}
  virtual ~TagReader() = default;
  // The root element; an error for a tag that cannot be read.
  virtual absl::Status OnRoot(const XmlStart& root) = 0;
  virtual void OnStart(const XmlStart& start) = 0;
  virtual void OnEnd(absl::string_view name) = 0;
  virtual void OnText(absl::string_view text) = 0;
  // After the root's end tag.
  virtual absl::StatusOr<InventoryDocument> Finish() = 0;

 protected:
  void Begin(const XmlStart& root) {
    ns_ = std::string(root.ns);
    column_ = root.column;
    software_.from = "swid";
    software_.line = root.line;
  }

  const std::string& file_;
  std::string ns_;  // the root's: the schema's elements are in it
  int column_ = 0;  // the root's
  int depth_ = 1;   // of the current element, the root's being 1
  DiscoveredSoftware software_;
};

// SoftwareIdentity (2014-DIS, 2015): everything is in attributes of the root and its children.
class IdentityReader : public TagReader {
 public:
  using TagReader::TagReader;

  absl::Status OnRoot(const XmlStart& root) override {
    Begin(root);
    bool has_version = false;
    for (const auto& [key, value] : root.attributes) {
      if (key == "name") {
        software_.name = Trimmed(value);
      } else if (key == "tagId") {
        software_.tag_id = Trimmed(value);
      } else if (key == "version") {
        software_.version = Trimmed(value);
        has_version = true;
      } else if (key == "patch") {
        patch_ = IsTrue(value);
      } else if (key == "supplemental") {
        supplemental_ = IsTrue(value);
      } else if (key == "corpus") {
        corpus_ = IsTrue(value);
      } else {
        software_.extra.emplace_back(KeyPart(key), Trimmed(value));
      }
    }
    if (software_.name.empty()) {
      return PositionError(file_, root.line, root.column, "SoftwareIdentity has no name (required by 19770-2)");
    }
    if (software_.tag_id.empty()) {
      return PositionError(file_, root.line, root.column, "SoftwareIdentity has no tagId (required by 19770-2)");
    }
    if (!has_version) software_.version = "0.0";  // the standard's default
    return absl::OkStatus();
  }

  void OnStart(const XmlStart& start) override {
    ++depth_;
    if (depth_ > 2) {
      counts_.Add(absl::StrCat(top_, "/", KeyPart(start.name)));
      return;
    }
    top_ = KeyPart(start.name);
    if (start.ns == ns_) {
      if (start.name == "Entity") return ReadEntity(start);
      if (start.name == "Meta") return ReadAttributes(start, {{"edition", &software_.edition}, {"arch", &software_.arch}});
      if (start.name == "Link") return ReadLink(start);
      if (start.name == "Evidence") {
        return ReadAttributes(start, {{"deviceId", &device_.id}, {"date", &device_.last_seen}});
      }
    }
    counts_.Add(top_);
  }

  void OnEnd(absl::string_view) override { --depth_; }
  void OnText(absl::string_view) override {}

  absl::StatusOr<InventoryDocument> Finish() override {
    InventoryDocument document;
    document.format = "swid";
    document.device = std::move(device_);
    software_.publisher = Publisher();
    counts_.AppendTo(software_.extra);
    if (!has_tag_creator_) document.notes.push_back(absl::StrCat(software_.name, ": no tagCreator entity (required by 19770-2)"));
    if (patch_) {
      document.notes.push_back(absl::StrCat(software_.name, ": a patch tag describes a patch to another product, not an installed product"));
    }
    if (supplemental_) {
      document.notes.push_back(
          absl::StrCat(software_.name, ": a supplemental tag adds details to another product's tag, not an installed product"));
    }
    if (corpus_) {
      document.notes.push_back(absl::StrCat(software_.name, ": a corpus tag describes installation media, not an installed product"));
    }
    if (!patch_ && !supplemental_ && !corpus_) document.software.push_back(std::move(software_));
    return document;
  }

 private:
  struct Entity {
    std::string name;
    std::vector<std::string> roles;
  };

  // Every attribute but role, once under each of the entity's roles.
  void ReadEntity(const XmlStart& start) {
    Entity entity;
    const absl::string_view role_list = start.Attribute("role");
    bool roles_cut = false;
    for (absl::string_view role : absl::StrSplit(role_list, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
      has_tag_creator_ = has_tag_creator_ || role == "tagCreator";
      const std::string part = KeyPart(role);
      bool seen = false;
      for (const std::string& known : entity.roles) seen = seen || known == part;
      if (seen) continue;
      if (entity.roles.size() == kEntityRoles) {
        roles_cut = true;
        continue;
      }
      entity.roles.push_back(part);
    }
    if (roles_cut) software_.extra.emplace_back("entity.role", Trimmed(role_list));
    for (const auto& [key, value] : start.attributes) {
      if (key == "name") entity.name = Trimmed(value);
      if (key == "role") continue;
      if (entity.roles.empty()) software_.extra.emplace_back(absl::StrCat("entity.", KeyPart(key)), Trimmed(value));
      for (const std::string& role : entity.roles) {
        software_.extra.emplace_back(absl::StrCat("entity.", role, ".", KeyPart(key)), Trimmed(value));
      }
    }
    entities_.push_back(std::move(entity));
  }

  // Each attribute named in `fields` into its field (the first time it is seen), every other one
  // into extra as "<element>.<attribute>".
  void ReadAttributes(const XmlStart& start, std::initializer_list<std::pair<absl::string_view, std::string*>> fields) {
    for (const auto& [key, value] : start.attributes) {
      std::string* field = nullptr;
      for (const auto& [name, target] : fields) {
        if (name == key && target->empty()) field = target;
      }
      if (field != nullptr) {
        *field = Trimmed(value);
      } else {
        software_.extra.emplace_back(absl::StrCat(start.name, ".", KeyPart(key)), Trimmed(value));
      }
    }
  }

  // "Link.<rel>" = href; its other attributes as "Link.<rel>.<attribute>".
  void ReadLink(const XmlStart& start) {
    const std::string link = absl::StrCat("Link.", KeyPart(absl::StripAsciiWhitespace(start.Attribute("rel"))));
    for (const auto& [key, value] : start.attributes) {
      if (key == "rel") continue;
      software_.extra.emplace_back(key == "href" ? link : absl::StrCat(link, ".", KeyPart(key)), Trimmed(value));
    }
  }

  // The name of the first entity that created the software, else licenses it, else made the tag.
  std::string Publisher() const {
    for (absl::string_view role : {"softwareCreator", "licensor", "tagCreator"}) {
      for (const Entity& entity : entities_) {
        for (const std::string& held : entity.roles) {
          if (held == role) return entity.name;
        }
      }
    }
    return "";
  }

  std::string top_;  // the root's child the current element is in
  InventoryDevice device_;
  std::vector<Entity> entities_;
  ElementCounts counts_;
  bool has_tag_creator_ = false;
  bool patch_ = false;
  bool supplemental_ = false;
  bool corpus_ = false;
};

// software_identification_tag (2008, 2009): values are the text of leaf elements.
class ElementReader : public TagReader {
 public:
  using TagReader::TagReader;

  absl::Status OnRoot(const XmlStart& root) override {
    Begin(root);
    for (const auto& [key, value] : root.attributes) software_.extra.emplace_back(KeyPart(key), Trimmed(value));
    return absl::OkStatus();
  }

  void OnStart(const XmlStart& start) override {
    ++depth_;
    if (path_.size() < kKeyDepth) path_.push_back({KeyPart(start.name), start.ns == ns_});
    if (depth_ == 2 && start.ns == ns_ && start.name == "license_linkage") {
      software_.extra.emplace_back("license_linkage", "present");
    }
    in_leaf_ = true;
    text_.clear();
  }

  void OnEnd(absl::string_view name) override {
    if (depth_ == 1) return;
    if (in_leaf_) Leaf(name);
    if (static_cast<size_t>(depth_ - 1) <= kKeyDepth) path_.pop_back();
    --depth_;
    in_leaf_ = false;
    text_.clear();
  }

  // Only a leaf's text is a value (white space between elements is not).
  void OnText(absl::string_view text) override {
    if (in_leaf_) absl::StrAppend(&text_, text);
  }

  absl::StatusOr<InventoryDocument> Finish() override {
    if (software_.name.empty()) {
      return PositionError(file_, software_.line, column_,
                           "software_identification_tag has no product_title (required by 19770-2)");
    }
    if (software_.tag_id.empty()) {
      return PositionError(file_, software_.line, column_,
                           "software_identification_tag has no software_id/unique_id (required by 19770-2)");
    }
    if (!has_version_name_) {
      std::vector<std::string> parts;
      for (const auto& part : numeric_) {
        if (part) parts.push_back(*part);
      }
      software_.version = absl::StrJoin(parts, ".");
    } else {
      for (size_t i = 0; i < numeric_.size(); ++i) {
        if (numeric_[i]) software_.extra.emplace_back(absl::StrCat("product_version/numeric/", kNumeric[i]), *numeric_[i]);
      }
    }
    InventoryDocument document;
    document.format = "swid";
    document.software.push_back(std::move(software_));
    return document;
  }

 private:
  struct Level {
    std::string name;
    bool in_schema = false;  // in the root's namespace
  };
  static constexpr std::array<absl::string_view, 4> kNumeric = {"major", "minor", "build", "review"};

  void Leaf(absl::string_view name) {
    std::vector<absl::string_view> parts;
    bool in_schema = true;
    for (const Level& level : path_) {
      parts.push_back(level.name);
      in_schema = in_schema && level.in_schema;
    }
    std::string key = absl::StrJoin(parts, "/");
    if (static_cast<size_t>(depth_ - 1) > kKeyDepth) {
      absl::StrAppend(&key, "/…/", KeyPart(name));
      in_schema = false;
    }
    std::string value = Trimmed(text_);
    if (in_schema && Map(key, value)) return;
    software_.extra.emplace_back(std::move(key), std::move(value));
  }

  // Puts a mapped element's value in its field; false when `key` maps to none (or is repeated).
  bool Map(absl::string_view key, std::string& value) {
    if (key == "product_title") return Set(software_.name, value);
    if (key == "software_creator/name") return Set(software_.publisher, value);
    if (key == "software_id/unique_id") return Set(software_.tag_id, value);
    if (key == "license_linkage") return value.empty();  // an empty one is kept as "present"
    if (key == "product_version/name") {
      if (has_version_name_) return false;
      has_version_name_ = true;
      software_.version = std::move(value);
      return true;
    }
    for (size_t i = 0; i < kNumeric.size(); ++i) {
      if (key == absl::StrCat("product_version/numeric/", kNumeric[i]) && !numeric_[i]) {
        numeric_[i] = std::move(value);
        return true;
      }
    }
    return false;
  }

  static bool Set(std::string& field, std::string& value) {
    if (!field.empty()) return false;
    field = std::move(value);
    return true;
  }

  std::vector<Level> path_;  // the open elements below the root, the first kKeyDepth of them
  bool in_leaf_ = false;     // no element started since the current one did
  std::string text_;
  bool has_version_name_ = false;
  std::array<std::optional<std::string>, 4> numeric_;
};

std::unique_ptr<TagReader> ReaderFor(const XmlStart& root, const std::string& file) {
  if (root.name == "SoftwareIdentity" && OneOf(kIdentityNamespaces, root.ns)) return std::make_unique<IdentityReader>(file);
  if (root.name == "software_identification_tag" && OneOf(kElementNamespaces, root.ns)) {
    return std::make_unique<ElementReader>(file);
  }
  return nullptr;
}

absl::Status UnknownRoot(const XmlStart& root, const std::string& file) {
  return PositionError(
      file, root.line, root.column,
      absl::StrCat("not a 19770-2 SWID tag: expected SoftwareIdentity in namespace ", absl::StrJoin(kIdentityNamespaces, ", "),
                   " or software_identification_tag in namespace ", absl::StrJoin(kElementNamespaces, ", "), "; found ",
                   KeyPart(root.name), root.ns.empty() ? " in no namespace" : absl::StrCat(" in namespace ", KeyPart(root.ns))));
}

}  // namespace

absl::StatusOr<InventoryDocument> ParseSwidTag(absl::string_view xml, const std::string& file) {
  std::unique_ptr<TagReader> reader;
  std::function<void(absl::Status)> fail;
  XmlHandlers handlers;
  handlers.on_start = [&](const XmlStart& start) {
    if (reader != nullptr) return reader->OnStart(start);
    reader = ReaderFor(start, file);
    absl::Status root = reader == nullptr ? UnknownRoot(start, file) : reader->OnRoot(start);
    if (!root.ok()) fail(std::move(root));
  };
  handlers.on_end = [&](absl::string_view name) { reader->OnEnd(name); };
  handlers.on_text = [&](absl::string_view text) {
    if (reader != nullptr) reader->OnText(text);
  };
  CW_RETURN_IF_ERROR(ParseXml(xml, file, handlers, &fail));
  return reader->Finish();
}

}  // namespace crosswalk::inventory
