import { Component, Suspense, type ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { CodeLoadError } from './lazy';
import { ProblemScreen } from './ProblemScreen';

/**
 * Around screens whose code is loaded later: a short status while it loads (rarely seen,
 * it is preloaded), and a plain problem with a retry if it cannot be loaded.
 */
export function LoadingBoundary({ children }: { children: ReactNode }) {
  return (
    <CodeLoadBoundary>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </CodeLoadBoundary>
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="status" role="status">
      {t('app.loading')}
    </p>
  );
}

class CodeLoadBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Only a failed load is ours to explain; anything else goes on up.
    if (!(error instanceof CodeLoadError)) throw error;
    // The code already loaded stays in the browser's cache; the invite stays in the tab.
    return <ProblemScreen problem="page-incomplete" onRetry={() => window.location.reload()} />;
  }
}
