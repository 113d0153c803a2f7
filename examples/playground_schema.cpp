// The playground's Schema (managers, bands, venues, concerts, tickets) as the
// C++ models declare it, printed as quarry-schema JSON, Mermaid or DOT:
//
//   playground_schema            quarry-schema JSON (docs/schema-json.md)
//   playground_schema --mermaid  a Mermaid erDiagram
//   playground_schema --dot      Graphviz DOT
//
// The JSON feeds `quarry erd --schema-json -`, which is how the diagram in
// docs/ is drawn (the docs-erd target, docs/erd.md): a schema needs no
// database to be drawn.
#include <iostream>
#include <string_view>

#include <quarry/erd/erd.hpp>
#include <quarry/schema/json.hpp>

#include "playground_models.hpp"

int main(int argc, char** argv) {
  std::string_view mode = argc > 1 ? argv[1] : "--json";
  quarry::Schema schema = playground::schema();
  if (mode == "--json") {
    std::cout << quarry::schema_to_json(schema);
  } else if (mode == "--mermaid") {
    std::cout << quarry::erd_mermaid(schema);
  } else if (mode == "--dot") {
    std::cout << quarry::erd_dot(schema);
  } else {
    std::cerr << "usage: playground_schema [--json | --mermaid | --dot]\n";
    return 2;
  }
}
