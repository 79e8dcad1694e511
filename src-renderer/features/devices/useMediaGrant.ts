import { useEffect, useState } from 'react';
import { allowMedia } from '../../platform/desktop';

/**
 * The ticks, once the desktop window's permissions follow them: a device is asked for only
 * after that, and an unticked one stops at once, without waiting for main.
 */
export function useMediaGrant(camera: boolean, microphone: boolean) {
  const [granted, setGranted] = useState({ camera: false, microphone: false });
  useEffect(() => {
    let current = true;
    void allowMedia({ camera, microphone }).then(() => {
      if (current) setGranted({ camera, microphone });
    });
    return () => {
      current = false;
    };
  }, [camera, microphone]);
  return { camera: camera && granted.camera, microphone: microphone && granted.microphone };
}
