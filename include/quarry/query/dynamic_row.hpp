// DynamicRow: one result row addressed by column name, for code that knows
// its tables only at run time (the dynamic API, the admin, the playground).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <quarry/value.hpp>

namespace quarry {

class DynamicRow {
 public:
  DynamicRow(std::shared_ptr<const std::vector<std::string>> names, std::vector<Value> values)
      : names_(std::move(names)), values_(std::move(values)) {}

  std::size_t size() const noexcept { return values_.size(); }
  const std::vector<std::string>& names() const noexcept { return *names_; }
  const Value& operator[](std::size_t i) const { return values_.at(i); }
  /// The value of column `name`; throws UsageError naming the column and
  /// the closest existing name when there is none.
  const Value& operator[](std::string_view name) const;
  const std::vector<Value>& values() const noexcept { return values_; }

 private:
  std::shared_ptr<const std::vector<std::string>> names_;
  std::vector<Value> values_;
};

}  // namespace quarry
