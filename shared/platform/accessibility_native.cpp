#include <string>

namespace elder {

void mirror_to_platform(const std::string&) {}  // no screen reader on a set-top box: it reads aloud itself

}  // namespace elder
