// Writes the generated models of a named model Schema (tests/codegen/
// sources.hpp) to a file: the first step of the codegen compile test.
//   quarry_codegen_generate <source name> <out.hpp> [plain]
// With `plain` (no clang-format), the output is what the golden files under
// tests/codegen/golden/ hold: regenerate them this way after a deliberate change.
#include <fstream>
#include <iostream>

#include <quarry/codegen/codegen.hpp>

#include "codegen/sources.hpp"

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: quarry_codegen_generate <source name> <out.hpp> [plain]\n";
    return 2;
  }
  quarry::CodegenOptions options;
  options.namespace_name = "gen";
  options.clang_format = argc != 4;
  std::ofstream out(argv[2], std::ios::binary);
  out << quarry::generate_models(qt::codegen_source(argv[1]), options);
  return out ? 0 : 1;
}
