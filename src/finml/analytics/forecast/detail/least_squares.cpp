#include <finml/analytics/forecast/detail/least_squares.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

#include <Eigen/Dense>

namespace finml::analytics::forecast::detail {

std::vector<double> least_squares(const std::vector<std::vector<double>>& columns,
                                  std::span<const double> y) {
  const auto rows = static_cast<Eigen::Index>(y.size());
  const auto cols = static_cast<Eigen::Index>(columns.size());
  Eigen::MatrixXd x(rows, cols);
  Eigen::VectorXd target(rows);
  for (Eigen::Index i = 0; i < rows; ++i) {
    target(i) = y[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < cols; ++j)
      x(i, j) = columns[static_cast<std::size_t>(j)][static_cast<std::size_t>(i)];
  }
  const Eigen::VectorXd beta = x.colPivHouseholderQr().solve(target);
  return {beta.data(), beta.data() + beta.size()};
}

}  // namespace finml::analytics::forecast::detail

#include <finml/analytics/forecast/detail/levenberg_marquardt.hpp>

namespace finml::analytics::forecast::detail {

bool solve_small_system(std::vector<double>& a, std::vector<double>& b, std::size_t k) {
  for (std::size_t col = 0; col < k; ++col) {
    std::size_t pivot = col;
    for (std::size_t row = col + 1; row < k; ++row)
      if (std::abs(a[row * k + col]) > std::abs(a[pivot * k + col])) pivot = row;
    if (!(std::abs(a[pivot * k + col]) > 1e-300)) return false;
    if (pivot != col) {
      for (std::size_t j = 0; j < k; ++j) std::swap(a[col * k + j], a[pivot * k + j]);
      std::swap(b[col], b[pivot]);
    }
    for (std::size_t row = col + 1; row < k; ++row) {
      const double f = a[row * k + col] / a[col * k + col];
      for (std::size_t j = col; j < k; ++j) a[row * k + j] -= f * a[col * k + j];
      b[row] -= f * b[col];
    }
  }
  for (std::size_t i = k; i-- > 0;) {
    double s = b[i];
    for (std::size_t j = i + 1; j < k; ++j) s -= a[i * k + j] * b[j];
    b[i] = s / a[i * k + i];
  }
  return std::all_of(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(k),
                     [](double v) { return std::isfinite(v); });
}

}  // namespace finml::analytics::forecast::detail
