// JSON output straight from the driver's buffers.
#include "query/json_sink.hpp"

#include <algorithm>
#include <utility>

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
  typed_ = std::min(n, writers_.size());
}

namespace {

/// Columns written through a call site of their own (see JsonSink::on_row).
constexpr std::size_t unrolled_columns = 8;

}  // namespace

// One column: its key, then null or its writer's output.
[[gnu::always_inline]] inline void JsonSink::write_column(const RowReader& row, std::size_t i) {
  out_ += prefixes_[i];
  if (row.is_null(i)) {
    out_ += "null";
  } else if (i < typed_) {
    writers_[i](out_, row, i);
  } else {
    json_any(out_, row, i);
  }
}

template <std::size_t... I>
void JsonSink::write_first_columns(const RowReader& row, std::size_t n, std::index_sequence<I...>) {
  (void)((I < n ? (write_column(row, I), true) : false) && ...);
}

// The first columns are written unrolled, each with its own null test and its
// own indirect call of its writer: every call site then always calls the same
// function, which the branch predictor learns, where one call site cycling
// through the columns' writers was mispredicted about once per value.
void JsonSink::on_row(const RowReader& row) {
  if (first_) {
    prepare_keys(row);
    out_ += '[';
    first_ = false;
  } else {
    out_ += ',';
  }
  const std::size_t n = prefixes_.size();
  write_first_columns(row, n, std::make_index_sequence<unrolled_columns>{});
  for (std::size_t i = unrolled_columns; i < n; ++i) write_column(row, i);
  out_ += n ? "}" : "{}";
}

void JsonSink::finish() {
  out_ += first_ ? "[]" : "]";
}

}  // namespace quarry::detail
