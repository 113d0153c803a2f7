// gtest helpers shared by the query tests: field-by-field comparison of the
// `everything` rows, so that a failure names the column that differs, and
// checks that an exception's message contains some text.
#pragma once

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "support/models.hpp"

namespace qt {

inline void expect_same_everything(const Everything& a, const Everything& b) {
  EXPECT_EQ(a.id, b.id) << "id";
  EXPECT_EQ(a.small, b.small) << "small";
  EXPECT_EQ(a.medium, b.medium) << "medium";
  EXPECT_EQ(a.big, b.big) << "big";
  EXPECT_EQ(a.real, b.real) << "real";
  EXPECT_EQ(a.price.str(), b.price.str()) << "price";
  EXPECT_EQ(a.amount.str(), b.amount.str()) << "amount";
  EXPECT_EQ(a.text, b.text) << "text";
  EXPECT_EQ(a.code, b.code) << "code";
  EXPECT_EQ(a.flag, b.flag) << "flag";
  EXPECT_EQ(a.data, b.data) << "data";
  EXPECT_EQ(a.day, b.day) << "day";
  EXPECT_EQ(a.time.since_midnight.count(), b.time.since_midnight.count()) << "time";
  EXPECT_EQ(a.at.time_since_epoch().count(), b.at.time_since_epoch().count()) << "at";
  EXPECT_EQ(a.at_tz.time_since_epoch().count(), b.at_tz.time_since_epoch().count()) << "at_tz";
  EXPECT_EQ(a.uuid.str(), b.uuid.str()) << "uuid";
  EXPECT_EQ(a.doc.text, b.doc.text) << "doc";
  EXPECT_EQ(a.color, b.color) << "color";
  EXPECT_EQ(a.level, b.level) << "level";
  EXPECT_EQ(a.maybe_int, b.maybe_int) << "maybe_int";
  EXPECT_EQ(a.maybe_text, b.maybe_text) << "maybe_text";
  EXPECT_EQ(a.maybe_price.has_value(), b.maybe_price.has_value()) << "maybe_price";
  if (a.maybe_price && b.maybe_price) {
    EXPECT_EQ(a.maybe_price->str(), b.maybe_price->str()) << "maybe_price";
  }
  EXPECT_EQ(a.maybe_at.has_value(), b.maybe_at.has_value()) << "maybe_at";
  if (a.maybe_at && b.maybe_at) {
    EXPECT_EQ(*a.maybe_at, *b.maybe_at) << "maybe_at";
  }
  EXPECT_EQ(a.maybe_color, b.maybe_color) << "maybe_color";
  EXPECT_EQ(a.maybe_flag, b.maybe_flag) << "maybe_flag";
}

/// Whether `haystack` contains `needle`, for EXPECT_TRUE with a message.
inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace qt
