// Step one of the codegen round trip: creates a corpus schema from its SQL in
// a fresh database, reflects it and writes the generated models.
//   quarry_codegen_roundtrip_generate <sqlite|postgresql> <corpus.sql> <out.hpp>
#include <iostream>

#include <quarry/codegen/codegen.hpp>

#include "codegen/roundtrip.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: quarry_codegen_roundtrip_generate <sqlite|postgresql> <corpus.sql> "
                 "<out.hpp>\n";
    return 2;
  }
  try {
    quarry::Schema schema = qt::roundtrip::reflect_corpus(argv[1], argv[2]);
    quarry::CodegenOptions options;
    options.namespace_name = "gen";
    std::ofstream out(argv[3], std::ios::binary);
    out << quarry::generate_models(schema, options);
    if (!out) throw std::runtime_error(std::string("cannot write ") + argv[3]);
    std::cout << "reflected " << schema.tables.size() << " tables and views, generated " << argv[3]
              << "\n";
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
