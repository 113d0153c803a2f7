// JsonSink: writes rows as a JSON array of objects directly from the
// driver's row buffers, with keys escaped once up front and one writer
// function per column chosen at compile time by the column's C++ type.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <quarry/driver/connection.hpp>
#include <quarry/query/types.hpp>

namespace quarry::detail {

class JsonSink final : public RowSink {
 public:
  /// `keys[i]` empty: the driver's column name is used.
  JsonSink(std::string& out, const std::vector<std::string>& keys,
           const std::vector<JsonWriter>& writers);
  void on_row(const RowReader& row) override;
  /// Closes the array ("[]" when there were no rows).
  void finish();

 private:
  void prepare_keys(const RowReader& row);
  void write_column(const RowReader& row, std::size_t i);
  template <std::size_t... I>
  void write_first_columns(const RowReader& row, std::size_t n, std::index_sequence<I...>);

  std::string& out_;
  const std::vector<std::string>& keys_;
  const std::vector<JsonWriter>& writers_;
  std::vector<std::string> prefixes_;  // `{"id":` then `,"name":` ...
  std::size_t typed_ = 0;              // columns with a writer of their own
  bool first_ = true;
};

}  // namespace quarry::detail
