#include "absl/strings/string_view.h"
#include "gateway/core/text_distance.h"

#include <algorithm>
#include <numeric>

namespace crosswalk {

int EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<int> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> Nearest(absl::string_view wanted, const std::vector<std::string>& candidates,
                                 size_t limit) {
  std::vector<std::pair<int, size_t>> scored;
  for (size_t i = 0; i < candidates.size(); ++i) {
    scored.emplace_back(EditDistance(wanted, candidates[i]), i);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (const auto& [distance, index] : scored) {
    if (out.size() >= limit) break;
    const int tolerance = static_cast<int>(candidates[index].size()) / 2 + 2;
    if (!out.empty() && distance > tolerance) break;
    out.push_back(candidates[index]);
  }
  return out;
}

}  // namespace crosswalk
