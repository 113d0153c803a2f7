// Rendering a diagram to SVG or PNG in-process with Graphviz (libgvc, the dot
// layout engine). Part of the separate target quarry::erd, which links
// graphviz; the DOT and Mermaid text of <quarry/erd/erd.hpp> need neither.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <quarry/erd/erd.hpp>
#include <quarry/error.hpp>

namespace quarry {

enum class ImageFormat : std::uint8_t { svg, png };

/// Graphviz could not parse, lay out or render a graph. The message carries
/// Graphviz's own words ("syntax error in line 3 near '->'").
class RenderError : public Error {
 public:
  using Error::Error;
};

/// Lays `dot` out with the dot engine and renders it: SVG text, or PNG bytes.
/// Graphviz keeps global state, so calls are serialised by a mutex; each call
/// is independent. Throws RenderError with Graphviz's message on failure.
std::string render_dot(std::string_view dot, ImageFormat format);

/// render_dot(erd_dot(schema, options), format).
std::string render_erd(const Schema& schema, ImageFormat format, const ErdOptions& options = {});

}  // namespace quarry
