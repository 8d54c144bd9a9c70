#include "connectors/files/file_digest.h"

#include <cstdint>
#include <cstring>
#include <vector>

#include "gateway/core/sha256.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {

void Cp932Sniffer::Update(absl::string_view bytes) {
  const size_t length = bytes.size();
  size_t i = 0;
  while (i < length) {
    if (invalid_) return;
    // Runs of ASCII, eight bytes at a time (most of any file, read once per sync): outside a
    // double-byte character each ASCII byte only ends a katakana run, which a first one does.
    if (lead_ == 0) {
      size_t end = i;
      while (end + 8 <= length) {
        uint64_t word;
        std::memcpy(&word, bytes.data() + end, sizeof word);
        if (word & 0x8080808080808080ULL) break;
        end += 8;
      }
      if (end > i) {
        EndKatakanaRun();
        i = end;
        continue;
      }
    }
    const int c = static_cast<unsigned char>(bytes[i++]);
    if (lead_ != 0) {
      if (c < 0x40 || c == 0x7F || c > 0xFC) invalid_ = true;
      ++(lead_ <= 0x9F ? japanese_ : latin_);
      lead_ = 0;
      continue;
    }
    if (c >= 0xA1 && c <= 0xDF) {
      ++katakana_run_;
      continue;
    }
    EndKatakanaRun();
    if ((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)) {
      lead_ = c;
    } else if (c >= 0x80) {  // 0x80, 0xA0, 0xFD–0xFF start no character
      invalid_ = true;
    }
  }
}

void Cp932Sniffer::EndKatakanaRun() {
  (katakana_run_ >= 2 ? japanese_ : latin_) += katakana_run_;
  katakana_run_ = 0;
}

bool Cp932Sniffer::LooksJapanese() const {
  Cp932Sniffer ended = *this;
  ended.EndKatakanaRun();
  return !invalid_ && lead_ == 0 && ended.japanese_ > ended.latin_;
}

absl::StatusOr<FileDigest> DigestFile(const OpenFile& file) {
  FileDigest digest;
  Sha256 hasher;
  Cp932Sniffer sniffer;
  // The bytes of a UTF-8 sequence cut by the chunk boundary stay at the buffer's start and the
  // next chunk is read after them, so no chunk is copied.
  std::vector<char> buffer((1 << 20) + 4);
  size_t carry = 0;
  uint64_t offset = 0;
  while (true) {
    CW_ASSIGN_OR_RETURN(const size_t got,
                        file.ReadAt(offset, buffer.data() + carry, buffer.size() - carry));
    if (got == 0) break;
    offset += got;
    const absl::string_view fresh(buffer.data() + carry, got);
    hasher.Update(fresh);
    sniffer.Update(fresh);
    if (!digest.utf8) continue;
    const absl::string_view text(buffer.data(), carry + got);
    size_t keep = 0;  // bytes of an unfinished sequence at the end
    for (size_t back = 1; back <= 3 && back <= text.size(); ++back) {
      const unsigned char c = static_cast<unsigned char>(text[text.size() - back]);
      if ((c & 0xC0) == 0x80) continue;
      const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (need > back) keep = back;
      break;
    }
    digest.utf8 = IsValidUtf8(text.substr(0, text.size() - keep));
    std::memmove(buffer.data(), text.data() + text.size() - keep, keep);
    carry = keep;
  }
  if (carry > 0) digest.utf8 = false;
  digest.sha256 = hasher.HexDigest();
  digest.looks_japanese = sniffer.LooksJapanese();
  return digest;
}

}  // namespace crosswalk::files
