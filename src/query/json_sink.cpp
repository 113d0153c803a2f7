// JSON output straight from the driver's buffers.
#include "query/json_sink.hpp"

#include <algorithm>

namespace quarry::detail {

JsonSink::JsonSink(std::string& out, const std::vector<std::string>& keys,
                   const std::vector<JsonWriter>& writers)
    : out_(out), keys_(keys), writers_(writers) {}

void JsonSink::prepare_keys(const RowReader& row) {
  std::size_t n = row.column_count();
  prefixes_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string& p = prefixes_[i];
    p.assign(
        1, i == 0 ? '{' : ',');  // a char, not a char*: GCC 12 -Wrestrict false positive (PR105651)
    json_escape(
        p, i < keys_.size() && !keys_[i].empty() ? std::string_view(keys_[i]) : row.column_name(i));
    p += ':';
  }
}

void JsonSink::on_row(const RowReader& row) {
  if (first_) {
    prepare_keys(row);
    out_ += '[';
    first_ = false;
  } else {
    out_ += ',';
  }
  const std::size_t n = prefixes_.size();
  const std::size_t typed = std::min(n, writers_.size());
  for (std::size_t i = 0; i < n; ++i) {
    out_ += prefixes_[i];
    if (row.is_null(i)) {
      out_ += "null";
    } else if (i < typed) {
      writers_[i](out_, row, i);
    } else {
      json_any(out_, row, i);
    }
  }
  out_ += n ? "}" : "{}";
}

void JsonSink::finish() {
  out_ += first_ ? "[]" : "]";
}

}  // namespace quarry::detail
