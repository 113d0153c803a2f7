// DynamicSink: collects rows as DynamicRow, the values copied out of the
// driver's cells by storage class. Shared by select().rows() and the dynamic API.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <quarry/driver/connection.hpp>
#include <quarry/query/dynamic_row.hpp>

namespace quarry::detail {

// Names each column by its key (as json() does: "manager.name" for a column
// reached through a foreign key, an alias), else by the driver's name.
class DynamicSink final : public RowSink {
 public:
  DynamicSink(std::vector<DynamicRow>& out, const std::vector<std::string>& keys)
      : out_(out), keys_(keys) {}
  void expect_rows(std::size_t count) override { out_.reserve(out_.size() + count); }
  void on_row(const RowReader& r) override {
    std::size_t n = r.column_count();
    if (!names_) {
      auto names = std::make_shared<std::vector<std::string>>();
      for (std::size_t i = 0; i < n; ++i) {
        if (i < keys_.size() && !keys_[i].empty()) {
          names->push_back(keys_[i]);
        } else {
          names->emplace_back(r.column_name(i));
        }
      }
      names_ = std::move(names);
    }
    std::vector<Value> values;
    values.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      switch (r.storage_type(i)) {
        case StorageType::null:
          values.emplace_back();
          break;
        case StorageType::integer:
          values.emplace_back(r.get_int64(i));
          break;
        case StorageType::real:
          values.emplace_back(r.get_double(i));
          break;
        case StorageType::text:
          values.emplace_back(std::string(r.get_text(i)));
          break;
        case StorageType::blob: {
          auto b = r.get_blob(i);
          values.emplace_back(Blob(b.begin(), b.end()));
          break;
        }
      }
    }
    out_.emplace_back(names_, std::move(values));
  }

 private:
  std::vector<DynamicRow>& out_;
  const std::vector<std::string>& keys_;
  std::shared_ptr<const std::vector<std::string>> names_;
};

}  // namespace quarry::detail
