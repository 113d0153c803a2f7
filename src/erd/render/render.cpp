// render_dot: DOT text to SVG or PNG through libgvc in this process (no `dot`
// program needed). Built into quarry::erd only, the one target that links
// graphviz. Graphviz reports errors through a process-wide callback and keeps
// global parser state, so one mutex guards every call and the callback
// collects messages for the call that holds it.
#include <quarry/erd/render.hpp>

#include <memory>
#include <mutex>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

namespace quarry {

namespace {

std::mutex graphviz_mutex;
std::string* graphviz_messages = nullptr;  // guarded by graphviz_mutex

int collect_message(char* message) {
  if (graphviz_messages && message) graphviz_messages->append(message);
  return 0;
}

/// Graphviz's messages joined into one line, or `fallback` when it said nothing.
std::string describe(const std::string& messages, std::string_view fallback) {
  std::string out;
  for (char c : messages) out += c == '\n' ? ' ' : c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? std::string(fallback) : out;
}

/// One rendering context for the whole process, never freed: graphviz's
/// pango plugin keeps a pointer to the last font name, which lives in the
/// context's font dictionary, so a second context (or a freed one) makes the
/// next render read freed memory (AddressSanitizer shows it in
/// textspan_size). Guarded by graphviz_mutex.
GVC_t* rendering_context() {
  static GVC_t* context = gvContext();
  return context;
}
struct GraphDeleter {
  void operator()(Agraph_t* g) const { agclose(g); }
};

}  // namespace

std::string render_dot(std::string_view dot, ImageFormat format) {
  std::lock_guard lock(graphviz_mutex);
  std::string messages;
  graphviz_messages = &messages;
  agusererrf previous = agseterrf(collect_message);
  struct Restore {
    agusererrf previous;
    ~Restore() {
      agseterrf(previous);
      graphviz_messages = nullptr;
    }
  } restore{previous};

  GVC_t* gvc = rendering_context();
  if (!gvc) throw RenderError("graphviz: could not create a rendering context");
  std::string text(dot);  // agmemread needs a terminating NUL
  agreseterrors();
  std::unique_ptr<Agraph_t, GraphDeleter> graph(agmemread(text.c_str()));
  if (!graph || agerrors() > 0) {
    throw RenderError("graphviz could not read the DOT: " + describe(messages, "syntax error"));
  }
  struct FreeLayout {
    GVC_t* gvc;
    Agraph_t* graph;
    ~FreeLayout() { gvFreeLayout(gvc, graph); }
  } free_layout{gvc, graph.get()};
  // A bad HTML label is reported during layout, which then goes on with a
  // plain label: an error at any step fails the call.
  if (gvLayout(gvc, graph.get(), "dot") != 0 || agerrors() > 0) {
    throw RenderError("graphviz could not lay out the graph: " +
                      describe(messages, "the dot layout engine failed"));
  }
  char* data = nullptr;
  unsigned int length = 0;
  const char* name = format == ImageFormat::svg ? "svg" : "png";
  int status = gvRenderData(gvc, graph.get(), name, &data, &length);
  std::string out = data ? std::string(data, length) : std::string();
  if (data) gvFreeRenderData(data);
  if (status != 0 || out.empty() || agerrors() > 0) {
    throw RenderError(std::string("graphviz could not render ") + name + ": " +
                      describe(messages, "no renderer for this format is installed"));
  }
  return out;
}

std::string render_erd(const Schema& schema, ImageFormat format, const ErdOptions& options) {
  return render_dot(erd_dot(schema, options), format);
}

}  // namespace quarry
