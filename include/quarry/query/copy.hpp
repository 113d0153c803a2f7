// copy_into(table): bulk load of row structs. On PostgreSQL one binary
// COPY ... FROM STDIN; on SQLite a prepared INSERT per row inside one
// savepoint. Either way all rows or none, and the count comes back:
//   std::int64_t n = co_await copy_into(band).rows(bands).run(db);
#pragma once

#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include <quarry/driver/database.hpp>
#include <quarry/query/types.hpp>
#include <quarry/schema/table.hpp>

namespace quarry {

namespace detail {

/// Walks the rows of one run of a bulk load, in order.
class CopyCursor {
 public:
  virtual ~CopyCursor() = default;
  /// The next row struct, or null after the last; valid until the next call.
  virtual const void* next() = 0;
};

/// The rows given to copy_into(...).rows(...), whatever holds them.
class CopyRows {
 public:
  virtual ~CopyRows() = default;
  virtual std::size_t size() const = 0;
  virtual std::unique_ptr<CopyCursor> cursor() const = 0;
};

/// Contiguous row structs (a span, vector or array): no copy.
class ContiguousCopyRows final : public CopyRows {
 public:
  ContiguousCopyRows(const void* rows, std::size_t count, std::size_t row_size) noexcept
      : rows_(static_cast<const unsigned char*>(rows)), count_(count), row_size_(row_size) {}
  std::size_t size() const override { return count_; }
  std::unique_ptr<CopyCursor> cursor() const override;

 private:
  const unsigned char* rows_;
  std::size_t count_;
  std::size_t row_size_;
};

/// Any forward range of row structs: a view or container held by value
/// when given as an rvalue, else referenced. Rows the range makes on the fly
/// (a transform view) are copied into the cursor one at a time.
template <class Row, class R>
class RangeCopyRows final : public CopyRows {
  static constexpr bool by_reference = std::is_lvalue_reference_v<R>;
  using Range =
      std::conditional_t<by_reference, std::remove_reference_t<R>, std::remove_cvref_t<R>>;
  using Iterator = std::ranges::iterator_t<Range>;

 public:
  explicit RangeCopyRows(R&& range) : range_(hold(std::forward<R>(range))) {}
  std::size_t size() const override {
    return static_cast<std::size_t>(std::ranges::distance(range()));
  }
  std::unique_ptr<CopyCursor> cursor() const override { return std::make_unique<Cursor>(range()); }

 private:
  class Cursor final : public CopyCursor {
   public:
    explicit Cursor(Range& range) : it_(std::ranges::begin(range)), end_(std::ranges::end(range)) {}
    const void* next() override {
      if (it_ == end_) return nullptr;
      if constexpr (std::is_lvalue_reference_v<std::iter_reference_t<Iterator>>) {
        const Row* row = std::addressof(*it_);
        ++it_;
        return row;
      } else {
        current_.emplace(*it_);
        ++it_;
        return &*current_;
      }
    }

   private:
    Iterator it_;
    std::ranges::sentinel_t<Range> end_;
    std::optional<Row> current_;
  };
  static auto hold(R&& range) {
    if constexpr (by_reference) {
      return std::addressof(range);
    } else {
      return Range(std::move(range));
    }
  }
  Range& range() const {
    if constexpr (by_reference) {
      return *range_;
    } else {
      return range_;
    }
  }
  // A view may need to be non-const to iterate: held mutable.
  mutable std::conditional_t<by_reference, Range*, Range> range_;
};

/// The non-template body of CopyInto<Table>, compiled once in src/query/copy.cpp.
class CopyBase {
 public:
  /// Loads every row and returns how many; all or none: an error (a
  /// constraint, a bad value) names the row (0-based) and column, and
  /// leaves no row behind. On PostgreSQL the load has a connection to
  /// itself (a Database leases one; a Transaction uses its own).
  Task<std::int64_t> run(Session& s) const;
  std::int64_t run_sync(Session& s) const;
  /// The statement a load runs: COPY ... FROM STDIN (FORMAT binary) on
  /// PostgreSQL, the INSERT of each row elsewhere.
  std::string sql(const sql::Dialect& d) const;

 protected:
  explicit CopyBase(const ModelInfo& model) : model_(&model) {}
  void set_rows(std::shared_ptr<const CopyRows> rows) noexcept { rows_ = std::move(rows); }

 private:
  static Task<std::int64_t> run_async(Session& s, CopyBase self);
  const ModelInfo* model_;
  std::shared_ptr<const CopyRows> rows_;
};

}  // namespace detail

/// copy_into(table).rows(...): see CopyBase for what run() promises. An
/// auto-increment key is left to the database when the first row leaves it
/// at 0, and then every row must (and the other way round).
template <TableObject Table>
class CopyInto : public detail::CopyBase {
 public:
  using Row = typename Table::row_type;

  CopyInto() : CopyBase(detail::model_info<Table>) {}

  /// Contiguous row structs, read when the load runs: keep them alive until then.
  CopyInto& rows(std::span<const Row> rows) {
    set_rows(std::make_shared<detail::ContiguousCopyRows>(rows.data(), rows.size(), sizeof(Row)));
    return *this;
  }
  /// Any forward range of row structs (a view, a list, a generator of rows
  /// by transform): held by value when given as an rvalue, else referenced.
  template <std::ranges::forward_range R>
  requires(std::is_convertible_v<std::ranges::range_reference_t<R>, Row> &&
           !(std::ranges::contiguous_range<R> &&
             std::is_lvalue_reference_v<R>)) CopyInto& rows(R&& range) {
    set_rows(std::make_shared<detail::RangeCopyRows<Row, R>>(std::forward<R>(range)));
    return *this;
  }
};

template <TableObject T>
CopyInto<std::remove_cvref_t<T>> copy_into(const T&) {
  return {};
}

}  // namespace quarry
