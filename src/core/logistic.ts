/** A fitted logistic model over named features: P = σ(intercept + Σ weight × feature). */
export interface LogisticModel<F extends object> {
  intercept: number;
  weights: { [K in keyof F]: number };
}

export function logistic<F extends object>(model: LogisticModel<F>, features: { [K in keyof F]: number }): number {
  let z = model.intercept;
  for (const key of Object.keys(features) as (keyof F)[]) z += model.weights[key] * features[key];
  return 1 / (1 + Math.exp(-z));
}
