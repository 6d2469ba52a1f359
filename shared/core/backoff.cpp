#include "backoff.hpp"

#include <algorithm>

namespace elder {

std::int64_t Backoff::delay_ms(int attempt, double random01) const {
    const int shift = std::clamp(attempt, 0, 30);
    const std::int64_t step = std::min(cap_ms, base_ms << shift);
    const double r = std::clamp(random01, 0.0, 1.0);
    return step / 2 + static_cast<std::int64_t>(r * static_cast<double>(step - step / 2));
}

}  // namespace elder
