#include "DeterministicRandom.h"

#include <cmath>
#include <numbers>

namespace confero::sandbox {

DeterministicRandom::DeterministicRandom(quint64 seed)
    : m_state(seed)
{
}

quint64 DeterministicRandom::next()
{
    quint64 z = (m_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double DeterministicRandom::uniform()
{
    return double(next() >> 11) * 0x1.0p-53;
}

quint32 DeterministicRandom::bounded(quint32 count)
{
    return count == 0 ? 0 : quint32(((next() >> 32) * count) >> 32);
}

bool DeterministicRandom::chance(double probability)
{
    return uniform() < probability;
}

double DeterministicRandom::exponential(double mean)
{
    return -mean * std::log1p(-uniform());
}

double DeterministicRandom::normal(double mean, double deviation)
{
    // Box-Muller; one of the pair is thrown away to keep the stream simple to reason about.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return mean + deviation * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double DeterministicRandom::logNormal(double mu, double sigma)
{
    return std::exp(normal(mu, sigma));
}

} // namespace confero::sandbox
