// DynamicRow lookups by name.
#include <quarry/query/dynamic_row.hpp>

#include <fmt/format.h>

#include <quarry/error.hpp>
#include <quarry/schema/schema.hpp>

namespace quarry {

const Value& DynamicRow::operator[](std::string_view name) const {
  const auto& names = *names_;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return values_[i];
  }
  std::vector<std::string_view> candidates(names.begin(), names.end());
  std::string suggestion = detail::closest_name(name, candidates);
  throw UsageError(
      fmt::format("the row has no column \"{}\"{}", name,
                  suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
}

}  // namespace quarry
