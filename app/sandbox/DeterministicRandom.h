#pragma once

#include <QtGlobal>

namespace confero::sandbox {

// SplitMix64 with the few distributions the CDR simulator draws from. Not QRandomGenerator: the
// simulator must give the same history for the same seed on every run and every Qt version.
class DeterministicRandom
{
public:
    explicit DeterministicRandom(quint64 seed);

    quint64 next();
    double uniform(); // [0, 1)
    quint32 bounded(quint32 count); // [0, count)
    bool chance(double probability);
    double exponential(double mean);
    double normal(double mean, double deviation);
    double logNormal(double mu, double sigma);

private:
    quint64 m_state;
};

} // namespace confero::sandbox
