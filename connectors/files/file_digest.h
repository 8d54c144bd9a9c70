#ifndef CROSSWALK_CONNECTORS_FILES_FILE_DIGEST_H_
#define CROSSWALK_CONNECTORS_FILES_FILE_DIGEST_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/files/open_file.h"

namespace crosswalk::files {

// Whether bytes that are not UTF-8 read as Japanese text in Shift_JIS (CP932), fed in pieces of
// any size. Two tests. Every byte must fit CP932's structure: a lead byte 0x81–0x9F or 0xE0–0xFC
// followed by a trail byte 0x40–0x7E or 0x80–0xFC, or a single ASCII or half-width katakana byte
// (0xA1–0xDF). And the characters must be mostly the ones Japanese text is made of: kana,
// punctuation and the common kanji all have leads 0x81–0x9F, and half-width katakana come in
// words; the lead bytes 0xE0–0xFC (rarer kanji) and lone half-width katakana are exactly what
// Latin-1 or Windows-1252 accented letters (à–ÿ, À–ß) become, and they must not be the majority.
class Cp932Sniffer {
 public:
  void Update(absl::string_view bytes);
  // True when all the bytes so far are plausible Japanese CP932 text with at least one non-ASCII
  // character.
  bool LooksJapanese() const;

 private:
  void EndKatakanaRun();

  bool invalid_ = false;
  int lead_ = 0;                // the lead byte awaiting its trail, or 0
  size_t katakana_run_ = 0;     // half-width katakana just read in a row
  size_t japanese_ = 0;         // characters typical of Japanese text
  size_t latin_ = 0;            // characters that Latin-1 accented letters decode to
};

// One pass over a file: its SHA-256, and what `encoding: auto` needs to choose.
struct FileDigest {
  std::string sha256;
  bool utf8 = true;              // the whole file is valid UTF-8
  bool looks_japanese = false;   // Cp932Sniffer's verdict on the whole file
};

// Reads `file` from offset 0 to its end through its own descriptor. Errors: UNAVAILABLE for a read
// error.
absl::StatusOr<FileDigest> DigestFile(const OpenFile& file);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_FILE_DIGEST_H_
