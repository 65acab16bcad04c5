// Last line of defence: a rendering bug must not leave a frozen or blank kiosk. Log it,
// apologise briefly, and start the citizen screens afresh.
import { Component, type ErrorInfo, type ReactNode } from 'react';

export const RECOVER_AFTER_MS = 3_000;

interface Props {
  children: ReactNode;
  /** Rendered while recovering; kept free of anything that could throw again. */
  fallback: ReactNode;
  onRecover: () => void;
}

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('kiosk renderer crashed; returning to idle', error, info.componentStack);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.props.onRecover();
      this.setState({ failed: false });
    }, RECOVER_AFTER_MS);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
