// CopyWriter: the ParamWriter a bulk load's encoder is, with typed entry
// points for members whose bind would otherwise go through text (a
// Timestamp is formatted, then parsed back by the encoder: about 560
// instructions a row). Internal: between copy_into's row source
// (src/query/copy.cpp) and a driver's COPY encoder.
#pragma once

#include <quarry/driver/connection.hpp>
#include <quarry/value.hpp>

#include <cstddef>

namespace quarry::detail {

class CopyWriter : public ParamWriter {
 public:
  /// The same as binding format_timestamp(v) as text, without the text.
  virtual void bind_timestamp(std::size_t index, const Timestamp& v) = 0;
};

}  // namespace quarry::detail
