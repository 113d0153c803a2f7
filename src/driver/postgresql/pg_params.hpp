// The parameters of one execution, in the four parallel arrays libpq's
// PQsendQueryParams / PQsendQueryPrepared take. Internal to the PostgreSQL
// backend; includes libpq.
#pragma once

#include <quarry/driver/connection.hpp>

#include <libpq-fe.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail {

/// Parameters as PostgreSQL receives them:
///   - integers and reals as text of unknown type, so that the server gives
///     each the type of where it stands (an integer 1 binds to a boolean,
///     smallint, bigint or numeric column alike, as SQLite-minded code
///     expects; a real to a numeric column without binary rounding). A
///     parameter in a place that says nothing of its type (`SELECT $1 + $2`)
///     needs a cast in the SQL: `$1::bigint`.
///   - text as text of unknown type, so that '2024-05-01' binds to a date and
///     '{"a":1}' to a jsonb column. PostgreSQL text cannot hold a NUL byte:
///     such text is refused with a UsageError before anything is sent.
///   - blobs as binary bytea (no escaping, no hex).
///   - arrays (ArrayText's JSON) as an array literal, text of unknown type.
///   - NULL as NULL of unknown type.
/// Text bound from a Value or a std::string is not copied; text bound
/// through ParamWriter::bind_text is, since libpq wants it NUL-terminated.
class PgParams final : public ParamWriter {
 public:
  /// Forgets the last execution's values; `sql` is quoted in errors.
  void clear(std::string_view sql);

  /// Binds every value of `values` (no text copies: Value strings are
  /// NUL-terminated), then finish().
  void bind_all(std::span<const Value> values, std::string_view sql);

  void bind_null(std::size_t index) override;
  void bind_int64(std::size_t index, std::int64_t v) override;
  void bind_double(std::size_t index, double v) override;
  void bind_text(std::size_t index, std::string_view v) override;
  void bind_text_copy(std::size_t index, std::string_view v) override;
  void bind_blob(std::size_t index, std::span<const std::byte> v) override;
  /// Converts the JSON of an array to an array literal ({"1","2",NULL}),
  /// text of unknown type: the server reads it as the column's array type.
  void bind_array(std::size_t index, std::string_view json) override;
  void bind_value(std::size_t index, const Value& v);

  /// Builds the arrays from what was bound; call before the getters.
  void finish();

  int count() const noexcept { return static_cast<int>(used_); }
  const Oid* types() const noexcept { return types_.data(); }
  const char* const* values() const noexcept { return values_.data(); }
  const int* lengths() const noexcept { return lengths_.data(); }
  const int* formats() const noexcept { return formats_.data(); }

 private:
  struct Slot {
    Oid type = 0;
    int format = 0;  // 0 text, 1 binary
    bool is_null = true;
    bool uses_own = false;  // the value is `own`, not `data`
    const char* data = nullptr;
    int length = 0;
    std::string own;  // formatted numbers and copied text; capacity kept between rows
  };
  Slot& slot(std::size_t index);
  void check_text(std::size_t index, std::string_view v) const;

  std::string_view sql_;
  std::vector<Slot> slots_;  // kept across executions, for the capacity of `own`
  std::size_t used_ = 0;     // slots bound in this execution
  std::vector<Oid> types_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

}  // namespace quarry::detail
